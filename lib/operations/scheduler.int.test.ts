import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { getJob, startWorker } from '@/lib/jobs';
import { diskPath } from '@/lib/providers/local';
import { ensureLocalAccount } from '@/lib/seed/demo';
import { enableBackups } from '@/lib/services/backups';
import { provisionInstance } from '@/lib/services/provisioning';
import { setTestCatalog } from '@/tests/catalog';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '@/tests/databases';
import { writeTestDisk } from '@/tests/disks';
import { registerOperations } from './index';
import { runSchedulerTick } from './scheduler';
import { waitFor } from '@/tests/jobs';

// The scheduler with a controlled clock: each tick is given `now`; nothing sleeps for a window.
const at = (iso: string) => new Date(iso);

describe.each(PROVIDERS)('backup scheduler on %s', (provider) => {
  let t: TestDatabase;
  let instanceId: string;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    setTestCatalog(t.dataDir);
    registerOperations();
    const account = await ensureLocalAccount(t.db);
    const team = await t.db.team.create({ data: { name: 'Sched' } });
    const instance = await provisionInstance(t.db, {
      accountId: account.id,
      teamId: team.id,
      label: 'nightly',
      region: 'eu-central',
      plan: 'micro',
    });
    const primary = instance.disks.find((d) => d.kind === 'primary')!;
    await writeTestDisk(diskPath({ instanceId: instance.id, diskId: primary.id, region: 'eu-central' }), 3, [
      'text',
      'random',
    ]);
    await enableBackups(t.db, instance.id, at('2026-01-05T00:00:00Z')); // a Monday
    await t.db.instance.update({ where: { id: instance.id }, data: { backupDay: 'Wednesday', backupWindow: 'W10' } });
    instanceId = instance.id;
  });
  afterAll(async () => {
    await t?.drop();
  });

  const automatic = () =>
    t.db.backup.findMany({ where: { instanceId, kind: 'automatic' }, orderBy: { windowStart: 'asc' } });

  it('waits outside the window and takes the backup inside it', async () => {
    expect(await runSchedulerTick(t.db, at('2026-01-05T09:59:00Z'))).toMatchObject({ started: [], missed: [] });
    expect(await runSchedulerTick(t.db, at('2026-01-05T10:30:00Z'))).toMatchObject({
      started: [instanceId],
      missed: [],
    });
    expect(await runSchedulerTick(t.db, at('2026-01-05T11:30:00Z'))).toMatchObject({ started: [], missed: [] }); // same window: once
    const [backup] = await automatic();
    expect(backup).toMatchObject({ status: 'pending', windowStart: at('2026-01-05T10:00:00Z') });
    const worker = startWorker({ db: t.db, pollMs: 50 });
    await waitFor(async () => (await getJob(t.db, backup.jobId!))?.status === 'succeeded', 30_000);
    await worker.stop();
    // The job records when it really ran (the real clock, not the tick's), and a backup taken on
    // the schedule's day (Wednesday here) goes to the weekly slot: on a real Wednesday it is weekly.
    const slot = new Date().getUTCDay() === 3 ? 'weekly' : 'daily';
    expect(await t.db.backup.findUniqueOrThrow({ where: { id: backup.id } })).toMatchObject({
      status: 'successful',
      slot,
    });
  });

  it('takes one backup when two schedulers tick the same window at once', async () => {
    let second: Db | null = null;
    // Two clients on PostgreSQL are two schedulers racing; SQLite takes one writer at a time anyway.
    if (provider === 'postgres') second = createDb(t.url);
    try {
      const results = await Promise.all([
        runSchedulerTick(t.db, at('2026-01-06T10:05:00Z')),
        runSchedulerTick(second ?? t.db, at('2026-01-06T10:05:00Z')),
      ]);
      expect(results.flatMap((r) => r.started)).toEqual([instanceId]);
      expect(
        (await automatic()).filter((b) => b.windowStart?.toISOString() === '2026-01-06T10:00:00.000Z'),
      ).toHaveLength(1);
    } finally {
      await second?.$disconnect();
    }
  });

  it('records a window missed while it was down, and catches up one still open', async () => {
    const busy = await t.db.job.findMany({ where: { instanceId, status: { in: ['queued', 'running'] } } });
    await t.db.job.updateMany({
      where: { id: { in: busy.map((j) => j.id) } },
      data: { status: 'cancelled', lockKey: null },
    });
    expect(await runSchedulerTick(t.db, at('2026-01-08T13:00:00Z'))).toMatchObject({
      started: [],
      missed: [instanceId],
    });
    const missed = (await automatic()).at(-1)!;
    expect(missed).toMatchObject({ status: 'failed', windowStart: at('2026-01-08T10:00:00Z') });
    expect(missed.failureReason).toContain('Missed');
    expect(await runSchedulerTick(t.db, at('2026-01-09T11:59:00Z'))).toMatchObject({
      started: [instanceId],
      missed: [],
    });
  });

  it('queues a weekly verify of each successful backup, once however many schedulers tick', async () => {
    const [first] = (await automatic()).filter((b) => b.status === 'successful');
    const weekLater = new Date(first.takenAt!.getTime() + 8 * 24 * 3_600_000);
    const ticks = await Promise.all([runSchedulerTick(t.db, weekLater), runSchedulerTick(t.db, weekLater)]);
    expect(ticks.reduce((n, r) => n + (r.verifies ?? 0), 0)).toBe(1);
    const verify = await t.db.job.findFirstOrThrow({ where: { kind: 'backup.verify', lockKey: `verify:${first.id}` } });
    // Only the verify runs here: the backups still queued by earlier ticks would rotate this one out.
    await t.db.job.updateMany({
      where: { status: 'queued', id: { not: verify.id } },
      data: { status: 'cancelled', lockKey: null },
    });
    const worker = startWorker({ db: t.db, pollMs: 50 });
    await waitFor(async () => (await getJob(t.db, verify.id))?.status === 'succeeded', 30_000);
    await worker.stop();
    expect((await t.db.backup.findUniqueOrThrow({ where: { id: first.id } })).verifiedAt).not.toBeNull();
  });

  it('measures disk usage every few minutes, one measuring job at a time', async () => {
    await t.db.job.updateMany({
      where: { status: { in: ['queued', 'running'] } },
      data: { status: 'cancelled', lockKey: null },
    });
    await t.db.disk.updateMany({ data: { basis: null } });
    // The earlier ticks' measuring jobs would hold the next one back (one per interval).
    await t.db.job.deleteMany({ where: { kind: 'disks.measure' } });
    const now = new Date();
    const ticks = await Promise.all([runSchedulerTick(t.db, now), runSchedulerTick(t.db, now)]);
    expect(ticks.filter((r) => r.measures)).toHaveLength(1);
    const job = await t.db.job.findFirstOrThrow({ where: { kind: 'disks.measure', status: 'queued' } });
    const worker = startWorker({ db: t.db, pollMs: 50 });
    await waitFor(async () => (await getJob(t.db, job.id))?.status === 'succeeded', 30_000);
    await worker.stop();
    const primary = await t.db.disk.findFirstOrThrow({ where: { instanceId, kind: 'primary' } });
    expect(primary.basis).toBe('used');
    expect(primary.measuredAt.getTime()).toBeGreaterThanOrEqual(now.getTime() - 1000);
    expect(Number((await t.db.instance.findUniqueOrThrow({ where: { id: instanceId } })).primaryUsedBytes)).toBe(
      Number(primary.usedBytes),
    );
    // Fresh figures are left alone; five minutes on, they are measured again. A disk that stays
    // due (it cannot be measured) waits for the interval too, not one job per tick.
    expect((await runSchedulerTick(t.db, new Date(now.getTime() + 60_000))).measures).toBe(false);
    await t.db.disk.update({ where: { id: primary.id }, data: { basis: null } });
    expect((await runSchedulerTick(t.db, new Date(now.getTime() + 60_000))).measures).toBe(false);
    expect((await runSchedulerTick(t.db, new Date(now.getTime() + 6 * 60_000))).measures).toBe(true);
    // Routine upkeep: its end is not in the audit log.
    expect(await t.db.auditEntry.count({ where: { action: 'disks.measure.finished' } })).toBe(0);
  });
});
