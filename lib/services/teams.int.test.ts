import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwners, createTestDatabase, PROVIDERS, type TestDatabase } from '@/tests/databases';
import { DomainError } from '@/lib/domain/errors';
import {
  addMember,
  createTeam,
  removeMember,
  renameTeam,
  setBackupsRequired,
  setMemberRole,
  setQuota,
  teamUsage,
} from './teams';

describe.each(PROVIDERS)('teams on %s', (provider) => {
  let t: TestDatabase;
  let annId: string;
  const team = (name: string) => t.db.team.findUniqueOrThrow({ where: { name }, include: { memberships: true } });

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    await createOwners(t.db);
    annId = (await t.db.user.create({ data: { email: 'ann@example.com', name: 'Ann', passwordHash: 'x' } })).id;
  });
  afterAll(() => t?.drop());

  it('creates teams with unique names, regardless of case', async () => {
    const ops = await createTeam(t.db, 'Ops');
    expect(ops).toMatchObject({ name: 'Ops', maxImages: null, maxInstances: null, backupsRequired: false });
    const refusal = await createTeam(t.db, 'OPS').catch((e) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ field: 'name', message: 'A team named OPS already exists.' });
    expect(await t.db.team.count({ where: { name: { in: ['Ops', 'OPS'] } } })).toBe(1);
  });

  it('renames a team, refusing a name another team has', async () => {
    const web = await createTeam(t.db, 'Web');
    await expect(renameTeam(t.db, web.id, 'ops')).rejects.toMatchObject({ field: 'name' });
    expect((await t.db.team.findUniqueOrThrow({ where: { id: web.id } })).name).toBe('Web');
    await renameTeam(t.db, web.id, 'Web shop');
    await renameTeam(t.db, web.id, 'web shop'); // its own name in another case is fine
    expect((await t.db.team.findUniqueOrThrow({ where: { id: web.id } })).name).toBe('web shop');
    await expect(renameTeam(t.db, 'gone', 'Gone')).rejects.toThrow('The team was not found');
  });

  it('adds members by email, refusing unknown emails and existing members', async () => {
    const ops = await team('Ops');
    await addMember(t.db, ops.id, ' ANN@example.com', 'viewer');
    expect((await team('Ops')).memberships).toEqual([expect.objectContaining({ userId: annId, role: 'viewer' })]);

    await expect(addMember(t.db, ops.id, 'zed@example.com', 'member')).rejects.toMatchObject({
      field: 'email',
      message: 'No user has the email zed@example.com. Create the user on the Users page first.',
    });
    await expect(addMember(t.db, ops.id, 'ann@example.com', 'member')).rejects.toMatchObject({
      field: 'email',
      message: expect.stringContaining('already in Ops'),
    });
    expect((await team('Ops')).memberships).toEqual([expect.objectContaining({ userId: annId, role: 'viewer' })]);
  });

  it('changes a member’s role and removes them; a non-member is refused', async () => {
    const ops = await team('Ops');
    expect(await setMemberRole(t.db, ops.id, annId, 'member')).toEqual({
      email: 'ann@example.com',
      from: 'viewer',
      role: 'member',
    });
    expect((await team('Ops')).memberships[0].role).toBe('member');
    const web = await team('web shop');
    await expect(setMemberRole(t.db, web.id, annId, 'viewer')).rejects.toThrow('not a member of this team');
    await expect(removeMember(t.db, web.id, annId)).rejects.toThrow('not a member of this team');
    expect((await team('Ops')).memberships).toHaveLength(1);
    await removeMember(t.db, ops.id, annId);
    expect((await team('Ops')).memberships).toEqual([]);
    expect(await t.db.user.findUnique({ where: { id: annId } })).not.toBeNull();
  });

  it('sets quotas (null for none) and counts usage against them', async () => {
    await setQuota(t.db, 'team', { maxImages: 3, maxInstances: 0 });
    expect(await t.db.team.findUniqueOrThrow({ where: { id: 'team' } })).toMatchObject({
      maxImages: 3,
      maxInstances: 0,
    });
    const instance = await t.db.instance.create({
      data: { accountId: 'acc', teamId: 'team', label: 'web-1', region: 'local', plan: 'p' },
    });
    await t.db.instance.create({
      data: { accountId: 'acc', teamId: 'team', label: 'web-2', region: 'local', plan: 'p', backupsEnabled: true },
    });
    for (const status of ['creating', 'available', 'available', 'failed'] as const) {
      await t.db.image.create({
        data: {
          accountId: 'acc',
          teamId: 'team',
          label: `i-${status}`,
          status,
          sourceInstanceId: instance.id,
          sourceInstanceLabel: 'web-1',
          sourceDiskLabel: 'd',
          region: 'local',
        },
      });
    }
    expect(await teamUsage(t.db, 'team')).toEqual({ images: 3, instances: 2, withoutBackups: 1 });
    await setQuota(t.db, 'team', { maxImages: null, maxInstances: null });
    expect(await t.db.team.findUniqueOrThrow({ where: { id: 'team' } })).toMatchObject({
      maxImages: null,
      maxInstances: null,
    });
    await expect(setQuota(t.db, 'gone', { maxImages: 1, maxInstances: 1 })).rejects.toThrow('The team was not found');
  });

  it('sets the backups policy and reports the instances that break it', async () => {
    expect(await setBackupsRequired(t.db, 'team', true)).toMatchObject({
      team: { backupsRequired: true },
      withoutBackups: 1,
    });
    expect((await setBackupsRequired(t.db, 'team', false)).team.backupsRequired).toBe(false);
  });
});
