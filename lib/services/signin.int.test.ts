import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@/lib/auth/password';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT } from '@/lib/domain/throttle';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '@/tests/databases';
import { signIn, ThrottledError } from './signin';

describe.each(PROVIDERS)('sign-in on %s', (provider) => {
  let t: TestDatabase;
  const now = new Date('2026-12-01T12:00:00Z');
  const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    for (const email of ['ann@example.com', 'bob@example.com', 'cy@example.com']) {
      await t.db.user.create({ data: { email, name: email.split('@')[0], passwordHash: await hashPassword('correct horse battery') } });
    }
  });
  afterAll(() => t?.drop());

  it('signs in with the right password only, never a disabled user, and audits each attempt', async () => {
    expect(await signIn(t.db, { email: 'ANN@example.com ', password: 'correct horse battery' }, '10.0.0.1', now)).toMatchObject({ email: 'ann@example.com' });
    expect(await signIn(t.db, { email: 'ann@example.com', password: 'wrong' }, '10.0.0.1', now)).toBeNull();
    expect(await signIn(t.db, { email: 'nobody@example.com', password: 'correct horse battery' }, '10.0.0.1', now)).toBeNull();
    await t.db.user.update({ where: { email: 'cy@example.com' }, data: { disabled: true } });
    expect(await signIn(t.db, { email: 'cy@example.com', password: 'correct horse battery' }, '10.0.0.1', now)).toBeNull();
    const entries = await t.db.auditEntry.findMany({ where: { action: 'auth.signin', ip: '10.0.0.1' }, orderBy: { at: 'asc' } });
    expect(entries.map((e) => [e.targetLabel, e.result, e.detail])).toEqual([
      ['ann@example.com', 'success', ''],
      ['ann@example.com', 'failure', 'Wrong password.'],
      ['nobody@example.com', 'failure', 'No such user.'],
      ['cy@example.com', 'failure', 'Account disabled.'],
    ]);
  });

  it('throttles an account after repeated failures, even with the right password, until the window passes', async () => {
    for (let i = 0; i < ACCOUNT_LIMIT.limit; i += 1) expect(await signIn(t.db, { email: 'bob@example.com', password: 'nope' }, `10.1.0.${i}`, later(1))).toBeNull();
    await expect(signIn(t.db, { email: 'bob@example.com', password: 'correct horse battery' }, '10.1.1.1', later(2))).rejects.toThrow(/Too many failed sign-ins. Try again in 1[45] minutes./);
    await expect(signIn(t.db, { email: 'bob@example.com', password: 'correct horse battery' }, '10.1.1.1', later(2))).rejects.toBeInstanceOf(ThrottledError);
    // Another account from the same addresses is not affected.
    expect(await signIn(t.db, { email: 'ann@example.com', password: 'correct horse battery' }, '10.1.0.1', later(2))).not.toBeNull();
    expect(await signIn(t.db, { email: 'bob@example.com', password: 'correct horse battery' }, '10.1.1.1', later(17))).not.toBeNull();
  });

  it('throttles an address that tries many accounts', async () => {
    for (let i = 0; i < ADDRESS_LIMIT.limit; i += 1) await signIn(t.db, { email: `guess${i}@example.com`, password: 'x' }, '10.9.9.9', later(30));
    await expect(signIn(t.db, { email: 'ann@example.com', password: 'correct horse battery' }, '10.9.9.9', later(31))).rejects.toThrow('Too many failed sign-ins');
    expect(await signIn(t.db, { email: 'ann@example.com', password: 'correct horse battery' }, '10.9.9.10', later(31))).not.toBeNull();
  });
});
