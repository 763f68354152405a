import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalAccount } from '@/lib/seed/demo';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '@/tests/databases';
import { runSchedulerTick, SCHEDULER_BATCH } from './scheduler';

// The scheduler reads instances a batch at a time: with more instances than two batches hold,
// every one of them still gets its turn, exactly once per window. Rows only: a missed window
// needs no disk.
const COUNT = 2 * SCHEDULER_BATCH + 201;
const at = (iso: string) => new Date(iso);

describe.each(PROVIDERS)('scheduler over several batches on %s', (provider) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    const account = await ensureLocalAccount(t.db);
    const team = await t.db.team.create({ data: { name: 'Many' } });
    await t.db.instance.createMany({
      data: Array.from({ length: COUNT }, (_, i) => ({
        accountId: account.id,
        teamId: team.id,
        label: `many-${String(i).padStart(5, '0')}`,
        region: 'eu-central',
        plan: 'micro',
        backupsEnabled: true,
        backupsEnabledAt: at('2026-01-05T00:00:00Z'),
        backupDay: 'Wednesday',
        backupWindow: 'W10',
      })),
    });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('records the closed window as missed for every instance, then waits', async () => {
    const first = await runSchedulerTick(t.db, at('2026-01-06T12:30:00Z'));
    expect(first.started).toEqual([]);
    expect(new Set(first.missed).size).toBe(COUNT);
    expect(await t.db.backup.count({ where: { status: 'failed', windowStart: at('2026-01-06T10:00:00Z') } })).toBe(
      COUNT,
    );
    const second = await runSchedulerTick(t.db, at('2026-01-06T13:30:00Z'));
    expect(second).toMatchObject({ started: [], missed: [] });
    expect(await t.db.instance.count({ where: { lastBackupFailed: true } })).toBe(COUNT);
  }, 180_000);
});
