import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '@/tests/databases';

// Whatever the database, a plain write sent while someone else's transaction is open is its own:
// it survives that transaction's rollback, and the transaction does not see it half-way.

describe.each(PROVIDERS)('writes beside an open transaction on %s', (provider) => {
  // A second client of the same database: another process's, or a second worker's in this one.
  let t: TestDatabase, other: Db;
  beforeAll(async () => void (other = createDb((t = await createTestDatabase(provider)).url)));
  afterAll(() => other?.$disconnect().then(() => t?.drop()));

  it('keeps a plain write made while another transaction is open and then rolls back', async () => {
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const doomed = t.db.$transaction(async (tx) => {
      await tx.team.create({ data: { name: 'doomed' } });
      opened();
      await sleep(200);
      throw new Error('changed my mind');
    });
    await open;
    const [kept, keptByOther] = await Promise.all([
      t.db.team.create({ data: { name: 'kept' } }),
      other.team.create({ data: { name: 'kept by another client' } }),
    ]);
    await expect(doomed).rejects.toThrow('changed my mind');
    const names = (await t.db.team.findMany({ select: { name: true } })).map((team) => team.name).sort();
    expect(names).toEqual(['kept', 'kept by another client']);
    expect(kept.id).toBeTruthy();
    expect(keptByOther.id).toBeTruthy();
  });

  it('runs many plain writes and transactions at once, each whole or not at all', async () => {
    const work = Array.from({ length: 40 }, (_, i) =>
      i % 2
        ? t.db.$transaction(async (tx) => {
            await tx.team.create({ data: { name: `rolled back ${i}` } });
            await sleep(5);
            throw new Error('no');
          })
        : (i % 4 ? other : t.db).team.create({ data: { name: `plain ${i}` } }),
    );
    const results = await Promise.allSettled(work);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(20);
    expect(await t.db.team.count({ where: { name: { startsWith: 'plain ' } } })).toBe(20);
    expect(await t.db.team.count({ where: { name: { startsWith: 'rolled back ' } } })).toBe(0);
  });
});
