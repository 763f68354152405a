import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalAccount } from '@/lib/seed/demo';
import { setTestCatalog } from '@/tests/catalog';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '@/tests/databases';
import { capturePreflight } from './images';
import { startCapture } from '@/lib/operations/capture-image';
import { startDeployFromImage } from '@/lib/operations/deploy-image';
import { nonCompliance, teamQuotas } from './policies';
import { provisionInstance } from './provisioning';

const actor = { id: 'u1', name: 'Quinn Quota' };

describe.each(PROVIDERS)('team quotas and policies on %s', (provider) => {
  let t: TestDatabase;
  let accountId: string;
  let teamId: string;
  let n = 0;
  const instance = (backupsEnabled = false) =>
    provisionInstance(t.db, {
      accountId,
      teamId,
      label: `quota-${(n += 1)}`,
      region: 'eu-central',
      plan: 'small',
      backupsEnabled,
    });
  const primaryOf = (i: Awaited<ReturnType<typeof instance>>) => i.disks.find((d) => d.kind === 'primary')!;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    setTestCatalog(t.dataDir);
    accountId = (await ensureLocalAccount(t.db)).id;
    teamId = (await t.db.team.create({ data: { name: 'Frugal', maxImages: 1, maxInstances: 3 } })).id;
  });
  afterAll(() => t?.drop());

  it('refuses an image over the team quota before it starts, while the account still has room', async () => {
    const a = await instance();
    await startCapture(t.db, actor, { instanceId: a.id, diskId: primaryOf(a).id, label: 'first', description: '' });
    const { check } = await capturePreflight(t.db, a.id, primaryOf(a).id);
    expect(check).toMatchObject({
      ok: false,
      reason: 'team_quota',
      message: expect.stringContaining('Team Frugal has used its quota of 1 image (1 of 1)'),
    });
    const before = await t.db.image.count();
    await expect(
      startCapture(t.db, actor, { instanceId: a.id, diskId: primaryOf(a).id, label: 'second', description: '' }),
    ).rejects.toThrow('Team Frugal has used its quota of 1 image');
    expect(await t.db.image.count()).toBe(before);
  });

  it('refuses a deploy over the team instance quota and leaves no instance or disk behind', async () => {
    const image = await t.db.image.findFirstOrThrow({ where: { teamId } });
    await t.db.image.update({ where: { id: image.id }, data: { status: 'available' } });
    while ((await t.db.instance.count({ where: { teamId } })) < 3) await instance();
    const before = await t.db.instance.count();
    await expect(
      startDeployFromImage(t.db, actor, {
        imageId: image.id,
        label: 'one-too-many',
        teamId,
        region: 'eu-central',
        plan: 'small',
      }),
    ).rejects.toThrow(
      'Team Frugal has used its quota of 3 instances (3 of 3). Remove an instance the team no longer needs, or ask an administrator to raise the quota.',
    );
    expect(await t.db.instance.count()).toBe(before);
    await t.db.team.update({ where: { id: teamId }, data: { maxInstances: null } });
    await expect(
      startDeployFromImage(t.db, actor, {
        imageId: image.id,
        label: 'now-it-fits',
        teamId,
        region: 'eu-central',
        plan: 'small',
      }),
    ).resolves.toMatchObject({ jobId: expect.any(String) });
  });

  it('never lets two racing deploys take a team past its quota', async () => {
    const image = await t.db.image.findFirstOrThrow({ where: { teamId } });
    const used = await t.db.instance.count({ where: { teamId } });
    await t.db.team.update({ where: { id: teamId }, data: { maxInstances: used + 1 } });
    const deploys = await Promise.allSettled(
      ['race-a', 'race-b', 'race-c'].map((label) =>
        startDeployFromImage(t.db, actor, { imageId: image.id, label, teamId, region: 'eu-central', plan: 'small' }),
      ),
    );
    const after = await t.db.instance.count({ where: { teamId } });
    expect(after).toBeLessThanOrEqual(used + 1);
    expect(deploys.filter((d) => d.status === 'fulfilled')).toHaveLength(after - used);
    for (const d of deploys) if (d.status === 'rejected') expect(String(d.reason)).toContain('has used its quota');
    await t.db.team.update({ where: { id: teamId }, data: { maxInstances: null } });
  });

  it('lists quotas with their use and the instances that break a backups-required policy, within scope', async () => {
    expect(await teamQuotas(t.db, [teamId])).toMatchObject([
      { name: 'Frugal', images: { used: 1, max: 1 }, instances: { max: null } },
    ]);
    expect(await nonCompliance(t.db, null)).toEqual({ count: 0, instances: [] });
    await t.db.team.update({ where: { id: teamId }, data: { backupsRequired: true } });
    const covered = await instance(true);
    const listed = await nonCompliance(t.db, [teamId]);
    expect(listed.count).toBe(await t.db.instance.count({ where: { teamId, backupsEnabled: false } }));
    expect(listed.instances.length).toBe(Math.min(50, listed.count));
    expect(listed.instances.every((i) => i.team === 'Frugal')).toBe(true);
    expect(listed.instances.map((i) => i.id)).not.toContain(covered.id);
    expect(await nonCompliance(t.db, ['another-team'])).toEqual({ count: 0, instances: [] });
    expect(await nonCompliance(t.db, [teamId], 1)).toMatchObject({
      count: listed.count,
      instances: [listed.instances[0]],
    });
  });
});
