import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/password';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '@/tests/databases';
import { DomainError } from '@/lib/domain/errors';
import { createUser, resetPassword, setAdmin, setDisabled } from './users';

describe.each(PROVIDERS)('users on %s', (provider) => {
  let t: TestDatabase;
  let adminId: string;
  let teamId: string;
  const user = (email: string) => t.db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    teamId = (await t.db.team.create({ data: { name: 'Ops' } })).id;
    adminId = (await createUser(t.db, { email: 'root@example.com', name: 'Root', isAdmin: true })).user.id;
  });
  afterAll(() => t?.drop());

  it('creates a user with a one-time password they must change, in a first team', async () => {
    const { user: made, password } = await createUser(t.db, {
      email: ' Ann@Example.com ',
      name: 'Ann',
      isAdmin: false,
      teamId,
      role: 'viewer',
    });
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    const row = await user('ann@example.com');
    expect(row).toMatchObject({ id: made.id, name: 'Ann', isAdmin: false, disabled: false, mustChangePassword: true });
    expect(row.passwordHash).not.toContain(password);
    expect(await verifyPassword(password, row.passwordHash)).toBe(true);
    expect(row.memberships).toEqual([expect.objectContaining({ teamId, role: 'viewer' })]);
  });

  it('refuses an email already taken, on the email field, and changes nothing', async () => {
    const before = await t.db.user.count();
    const refusal = await createUser(t.db, { email: 'ANN@example.com', name: 'Other Ann', isAdmin: true }).catch(
      (e) => e,
    );
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ field: 'email', message: 'A user with the email ann@example.com already exists.' });
    expect(await t.db.user.count()).toBe(before);
    expect((await user('ann@example.com')).name).toBe('Ann');
  });

  it('refuses a first team that does not exist', async () => {
    await expect(
      createUser(t.db, { email: 'nobody@example.com', name: 'N', isAdmin: false, teamId: 'gone' }),
    ).rejects.toMatchObject({ field: 'teamId' });
    expect(await t.db.user.findUnique({ where: { email: 'nobody@example.com' } })).toBeNull();
  });

  it('disables a user and ends their sessions, and enables them again', async () => {
    const ann = await user('ann@example.com');
    await setDisabled(t.db, adminId, ann.id, true);
    expect(await user('ann@example.com')).toMatchObject({ disabled: true, sessionVersion: ann.sessionVersion + 1 });
    await setDisabled(t.db, adminId, ann.id, false);
    expect(await user('ann@example.com')).toMatchObject({ disabled: false, sessionVersion: ann.sessionVersion + 1 });
  });

  it('never lets an admin disable themselves', async () => {
    await expect(setDisabled(t.db, adminId, adminId, true)).rejects.toThrow('You cannot disable your own account.');
    expect(await user('root@example.com')).toMatchObject({ disabled: false, sessionVersion: 0 });
  });

  it('grants and revokes admin, but never one’s own and never the last active admin’s', async () => {
    const ann = await user('ann@example.com');
    await expect(setAdmin(t.db, adminId, adminId, false)).rejects.toThrow('You cannot remove your own admin role');
    // Another admin removing root while root is the only active admin is refused too.
    await expect(setAdmin(t.db, ann.id, adminId, false)).rejects.toThrow(
      'root@example.com is the last active administrator',
    );
    expect((await user('root@example.com')).isAdmin).toBe(true);

    await setAdmin(t.db, adminId, ann.id, true);
    expect((await user('ann@example.com')).isAdmin).toBe(true);
    // A disabled admin does not count: with Ann disabled, root is again the last one.
    await setDisabled(t.db, adminId, ann.id, true);
    await expect(setAdmin(t.db, ann.id, adminId, false)).rejects.toThrow('last active administrator');
    await expect(setDisabled(t.db, ann.id, adminId, true)).rejects.toThrow('last active administrator');
    expect(await user('root@example.com')).toMatchObject({ isAdmin: true, disabled: false });
    await setDisabled(t.db, adminId, ann.id, false);

    await setAdmin(t.db, ann.id, adminId, false);
    expect((await user('root@example.com')).isAdmin).toBe(false);
    await setAdmin(t.db, ann.id, adminId, true);
  });

  it('lets only one of two admins removing each other at once succeed', async () => {
    const bob = await createUser(t.db, { email: 'bob@example.com', name: 'Bob', isAdmin: true });
    const cy = await createUser(t.db, { email: 'cy@example.com', name: 'Cy', isAdmin: true });
    // Leave Bob and Cy as the only admins, then have each revoke the other. A few rounds, as
    // the first ones also open the pool's connections and rarely overlap.
    await t.db.user.updateMany({
      where: { email: { in: ['root@example.com', 'ann@example.com'] } },
      data: { isAdmin: false },
    });
    for (let round = 0; round < 5; round += 1) {
      const results = await Promise.allSettled([
        setAdmin(t.db, bob.user.id, cy.user.id, false),
        setAdmin(t.db, cy.user.id, bob.user.id, false),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await t.db.user.count({ where: { isAdmin: true, disabled: false } })).toBe(1);
      await t.db.user.updateMany({ where: { id: { in: [bob.user.id, cy.user.id] } }, data: { isAdmin: true } });
    }
    await t.db.user.updateMany({
      where: { email: { in: ['root@example.com', 'bob@example.com', 'cy@example.com'] } },
      data: { isAdmin: true },
    });
  });

  it('resets a password to a new one-time one and signs the user out, but not one’s own', async () => {
    const ann = await user('ann@example.com');
    await t.db.user.update({ where: { id: ann.id }, data: { mustChangePassword: false } });
    const { password } = await resetPassword(t.db, adminId, ann.id);
    const after = await user('ann@example.com');
    expect(after).toMatchObject({ mustChangePassword: true, sessionVersion: ann.sessionVersion + 1 });
    expect(await verifyPassword(password, after.passwordHash)).toBe(true);
    expect(after.passwordHash).not.toBe(ann.passwordHash);

    const root = await user('root@example.com');
    await expect(resetPassword(t.db, adminId, adminId)).rejects.toThrow('use Settings');
    expect(await user('root@example.com')).toMatchObject({
      passwordHash: root.passwordHash,
      sessionVersion: root.sessionVersion,
    });
  });

  it('says an unknown user was not found', async () => {
    await expect(setDisabled(t.db, adminId, 'nope', true)).rejects.toThrow('The user was not found');
    await expect(resetPassword(t.db, adminId, 'nope')).rejects.toThrow('The user was not found');
  });
});
