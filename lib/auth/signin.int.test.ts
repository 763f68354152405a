import bcrypt from 'bcryptjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
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
      await t.db.user.create({
        data: { email, name: email.split('@')[0], passwordHash: await hashPassword('correct horse battery') },
      });
    }
  });
  afterAll(() => t?.drop());
  afterEach(() => vi.restoreAllMocks());

  /** Counts the password checks really made (bcrypt comparisons), letting each run as normal. */
  const countChecks = () => vi.spyOn(bcrypt, 'compare');
  const attempts = (where: object) =>
    t.db.auditEntry.findMany({ where: { action: 'auth.signin', ...where }, select: { result: true, detail: true } });

  it('signs in with the right password only, never a disabled user, and audits each attempt', async () => {
    expect(
      await signIn(t.db, { email: 'ANN@example.com ', password: 'correct horse battery' }, '10.0.0.1', now),
    ).toMatchObject({ email: 'ann@example.com' });
    expect(await signIn(t.db, { email: 'ann@example.com', password: 'wrong' }, '10.0.0.1', now)).toBeNull();
    expect(
      await signIn(t.db, { email: 'nobody@example.com', password: 'correct horse battery' }, '10.0.0.1', now),
    ).toBeNull();
    await t.db.user.update({ where: { email: 'cy@example.com' }, data: { disabled: true } });
    expect(
      await signIn(t.db, { email: 'cy@example.com', password: 'correct horse battery' }, '10.0.0.1', now),
    ).toBeNull();
    const entries = await t.db.auditEntry.findMany({
      where: { action: 'auth.signin', ip: '10.0.0.1' },
      orderBy: { at: 'asc' },
    });
    expect(entries.map((e) => [e.targetLabel, e.result, e.detail])).toEqual([
      ['ann@example.com', 'success', ''],
      ['ann@example.com', 'failure', 'Wrong password.'],
      ['nobody@example.com', 'failure', 'No such user.'],
      ['cy@example.com', 'failure', 'Account disabled.'],
    ]);
  });

  it('throttles an account after repeated failures, even with the right password, until the window passes', async () => {
    for (let i = 0; i < ACCOUNT_LIMIT.limit; i += 1)
      expect(await signIn(t.db, { email: 'bob@example.com', password: 'nope' }, `10.1.0.${i}`, later(1))).toBeNull();
    await expect(
      signIn(t.db, { email: 'bob@example.com', password: 'correct horse battery' }, '10.1.1.1', later(2)),
    ).rejects.toThrow(/Too many failed sign-ins. Try again in 1[45] minutes./);
    await expect(
      signIn(t.db, { email: 'bob@example.com', password: 'correct horse battery' }, '10.1.1.1', later(2)),
    ).rejects.toBeInstanceOf(ThrottledError);
    // Another account from the same addresses is not affected.
    expect(
      await signIn(t.db, { email: 'ann@example.com', password: 'correct horse battery' }, '10.1.0.1', later(2)),
    ).not.toBeNull();
    expect(
      await signIn(t.db, { email: 'bob@example.com', password: 'correct horse battery' }, '10.1.1.1', later(17)),
    ).not.toBeNull();
  });

  it('throttles an address that tries many accounts', async () => {
    for (let i = 0; i < ADDRESS_LIMIT.limit; i += 1)
      await signIn(t.db, { email: `guess${i}@example.com`, password: 'x' }, '10.9.9.9', later(30));
    await expect(
      signIn(t.db, { email: 'ann@example.com', password: 'correct horse battery' }, '10.9.9.9', later(31)),
    ).rejects.toThrow('Too many failed sign-ins');
    expect(
      await signIn(t.db, { email: 'ann@example.com', password: 'correct horse battery' }, '10.9.9.10', later(31)),
    ).not.toBeNull();
  });

  // A burst may be refused whole (each attempt counts the others written before it, checked or
  // not), so the invariant is the total: the burst plus every later try in the window costs
  // exactly the limit in password checks, never more.
  it('holds the account limit under 20 simultaneous wrong passwords: at most 5 password checks', async () => {
    await t.db.user.create({
      data: { email: 'par@example.com', name: 'par', passwordHash: await hashPassword('correct horse battery') },
    });
    const checks = countChecks();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        signIn(t.db, { email: 'par@example.com', password: `wrong ${i}` }, `10.20.0.${i}`, later(60)),
      ),
    );
    const burst = checks.mock.calls.length;
    expect(burst).toBeLessThanOrEqual(ACCOUNT_LIMIT.limit);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(20 - burst);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ThrottledError);
    // The log says what happened to each: one wrong password per check, the rest throttled.
    const entries = await attempts({ targetLabel: 'par@example.com' });
    expect(entries).toHaveLength(20);
    expect(entries.filter((e) => e.result === 'failure' && e.detail === 'Wrong password.')).toHaveLength(burst);
    expect(entries.filter((e) => e.result === 'refused' && e.detail === 'Throttled.')).toHaveLength(refused.length);
    // One at a time afterwards, the window's remaining checks are spent, then no more.
    for (let i = 0; i < 8; i += 1)
      await signIn(t.db, { email: 'par@example.com', password: `later ${i}` }, `10.20.1.${i}`, later(61)).catch(
        () => null,
      );
    expect(checks.mock.calls.length).toBe(ACCOUNT_LIMIT.limit);
    await expect(
      signIn(t.db, { email: 'par@example.com', password: 'correct horse battery' }, '10.20.2.1', later(62)),
    ).rejects.toBeInstanceOf(ThrottledError);
    expect(checks.mock.calls.length).toBe(ACCOUNT_LIMIT.limit);
  });

  it('holds the address limit under 40 simultaneous wrong sign-ins for different accounts: at most 20 checks', async () => {
    const checks = countChecks();
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        signIn(t.db, { email: `spray${i}@example.com`, password: 'guess' }, '10.30.0.1', later(90)),
      ),
    );
    const burst = checks.mock.calls.length;
    expect(burst).toBeLessThanOrEqual(ADDRESS_LIMIT.limit);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(40 - burst);
    const entries = await attempts({ ip: '10.30.0.1' });
    expect(entries).toHaveLength(40);
    expect(entries.filter((e) => e.result === 'failure' && e.detail === 'No such user.')).toHaveLength(burst);
    expect(entries.filter((e) => e.result === 'refused' && e.detail === 'Throttled.')).toHaveLength(40 - burst);
    for (let i = 0; i < ADDRESS_LIMIT.limit + 3 - burst; i += 1)
      await signIn(t.db, { email: `after${i}@example.com`, password: 'guess' }, '10.30.0.1', later(91)).catch(
        () => null,
      );
    expect(checks.mock.calls.length).toBe(ADDRESS_LIMIT.limit);
  });

  it("still starts the account's window afresh after a success", async () => {
    await t.db.user.create({
      data: { email: 'mix@example.com', name: 'mix', passwordHash: await hashPassword('correct horse battery') },
    });
    const checks = countChecks();
    const wrong = (i: number) =>
      signIn(t.db, { email: 'mix@example.com', password: `wrong ${i}` }, '10.40.0.1', later(120));
    for (let i = 0; i < ACCOUNT_LIMIT.limit - 1; i += 1) expect(await wrong(i)).toBeNull();
    expect(
      await signIn(t.db, { email: 'mix@example.com', password: 'correct horse battery' }, '10.40.0.1', later(121)),
    ).toMatchObject({ email: 'mix@example.com' });
    for (let i = 0; i < ACCOUNT_LIMIT.limit; i += 1)
      expect(
        await signIn(t.db, { email: 'mix@example.com', password: `again ${i}` }, '10.40.0.2', later(122)),
      ).toBeNull();
    await expect(
      signIn(t.db, { email: 'mix@example.com', password: 'correct horse battery' }, '10.40.0.2', later(122)),
    ).rejects.toBeInstanceOf(ThrottledError);
    expect(checks.mock.calls.length).toBe(2 * ACCOUNT_LIMIT.limit);
    const entries = await attempts({ targetLabel: 'mix@example.com' });
    expect(entries.filter((e) => e.result === 'success')).toHaveLength(1);
    expect(entries.filter((e) => e.result === 'failure')).toHaveLength(2 * ACCOUNT_LIMIT.limit - 1);
    expect(entries.filter((e) => e.result === 'refused')).toHaveLength(1);
  });

  it('never signs in with a password longer than bcrypt reads, whatever its ending, but still spends a check on it', async () => {
    const long = 'a'.repeat(72);
    const stored = `${long}${'z'.repeat(28)}`; // 100 characters, as an older version let users choose
    // A hash of it as bcrypt makes one (only the first 72 bytes count), as older versions stored it.
    await t.db.user.create({
      data: { email: 'long@example.com', name: 'long', passwordHash: await bcrypt.hash(stored, 4) },
    });
    const checks = countChecks();
    const at = later(150);
    expect(
      await signIn(t.db, { email: 'long@example.com', password: `${long}${'q'.repeat(28)}` }, '10.50.0.1', at),
    ).toBeNull();
    expect(await signIn(t.db, { email: 'long@example.com', password: stored }, '10.50.0.2', at)).toBeNull();
    // Multi-byte characters count as the bytes they take: 36 "é" are 72 bytes, 37 are 74.
    await t.db.user.create({
      data: { email: 'accent@example.com', name: 'accent', passwordHash: await bcrypt.hash('é'.repeat(37), 4) },
    });
    expect(
      await signIn(t.db, { email: 'accent@example.com', password: `${'é'.repeat(36)}x` }, '10.50.0.3', at),
    ).toBeNull();
    expect(checks.mock.calls.length).toBe(3);
    // Exactly 72 bytes is the most bcrypt reads, and still signs in.
    await t.db.user.create({
      data: { email: 'edge@example.com', name: 'edge', passwordHash: await hashPassword('é'.repeat(36)) },
    });
    expect(await signIn(t.db, { email: 'edge@example.com', password: 'é'.repeat(36) }, '10.50.0.4', at)).toMatchObject({
      email: 'edge@example.com',
    });
    expect(
      await signIn(t.db, { email: 'edge@example.com', password: 'é'.repeat(35) + 'e' }, '10.50.0.4', at),
    ).toBeNull();
    await expect(hashPassword(stored)).rejects.toThrow(/over 72 bytes/);
  });
});
