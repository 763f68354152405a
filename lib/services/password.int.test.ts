import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '@/tests/databases';
import { ensureAdminFromEnv } from '@/lib/seed/demo';
import { changePassword } from './password';

describe.each(PROVIDERS)('changing a password on %s', (provider) => {
  let t: TestDatabase;
  let userId: string;
  const user = () => t.db.user.findUniqueOrThrow({ where: { id: userId } });

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    const made = await t.db.user.create({
      data: {
        email: 'grace@example.com',
        name: 'Grace Hopper',
        passwordHash: await hashPassword('one-time-from-admin'),
        mustChangePassword: true,
        sessionVersion: 3,
      },
    });
    userId = made.id;
  });
  afterAll(() => t?.drop());

  it('refuses a wrong current password on the current field, changing nothing', async () => {
    await expect(changePassword(t.db, userId, 'not-the-password', 'kettle-orbit-mauve')).rejects.toMatchObject({
      field: 'current',
      message: 'Your current password is not right.',
    });
    expect(await user()).toMatchObject({ sessionVersion: 3, mustChangePassword: true });
  });

  it('refuses a new password the policy refuses, or the current one again', async () => {
    await expect(changePassword(t.db, userId, 'one-time-from-admin', 'short')).rejects.toMatchObject({
      field: 'next',
      message: 'Use at least 12 characters.',
    });
    await expect(changePassword(t.db, userId, 'one-time-from-admin', 'password1234')).rejects.toMatchObject({
      field: 'next',
      message: expect.stringMatching(/too common/),
    });
    await expect(changePassword(t.db, userId, 'one-time-from-admin', 'grace-is-here-42')).rejects.toMatchObject({
      field: 'next',
      message: expect.stringMatching(/email address or name/),
    });
    await expect(changePassword(t.db, userId, 'one-time-from-admin', 'one-time-from-admin')).rejects.toMatchObject({
      field: 'next',
      message: expect.stringMatching(/different/),
    });
    // Longer than bcrypt reads (72 bytes): refused in words rather than silently cut short.
    // (Caught and read field by field: a regular expression inside toMatchObject does not
    // check an error's message.)
    const tooLong = async (next: string) =>
      changePassword(t.db, userId, 'one-time-from-admin', next).then(
        () => null,
        (e: { field?: string; message: string }) => [e.field, e.message],
      );
    expect(await tooLong('kettle orbit mauve '.repeat(6))).toEqual([
      'next',
      expect.stringMatching(/^Use at most 72 bytes: .*\(this one is 114 bytes\)\.$/),
    ]);
    // 60 characters, but 76 bytes.
    expect(await tooLong('ünïcödé-kettle-'.repeat(4))).toEqual([
      'next',
      expect.stringMatching(/\(this one is 76 bytes\)/),
    ]);
    expect((await user()).sessionVersion).toBe(3);
  });

  it('stores the new hash, lifts the must-change flag and ends older sessions', async () => {
    await changePassword(t.db, userId, 'one-time-from-admin', 'kettle-orbit-mauve');
    const after = await user();
    expect(after).toMatchObject({ sessionVersion: 4, mustChangePassword: false });
    expect(after.passwordHash).not.toContain('kettle');
    expect(await verifyPassword('kettle-orbit-mauve', after.passwordHash)).toBe(true);
    expect(await verifyPassword('one-time-from-admin', after.passwordHash)).toBe(false);
  });
});

describe.each(PROVIDERS)('the first admin from the environment on %s', (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(() => t?.drop());

  it('refuses a LIFEBOAT_ADMIN_PASSWORD over 72 bytes instead of storing a cut-short one', async () => {
    const env = {
      NODE_ENV: 'test' as const,
      LIFEBOAT_ADMIN_EMAIL: 'root@example.com',
      LIFEBOAT_ADMIN_PASSWORD: `${'kettle-orbit-mauve-'.repeat(4)}x`,
    };
    await expect(ensureAdminFromEnv(t.db, env)).rejects.toThrow(
      /^LIFEBOAT_ADMIN_PASSWORD is refused: Use at most 72 bytes/,
    );
    expect(await t.db.user.count()).toBe(0);
    expect(await ensureAdminFromEnv(t.db, { ...env, LIFEBOAT_ADMIN_PASSWORD: 'kettle-orbit-mauve-'.repeat(3) })).toBe(
      'root@example.com',
    );
  });
});
