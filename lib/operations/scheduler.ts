import type { Db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/sqlite/client';
import { missedWindow } from '@/lib/domain/backups/overdue';
import { resolveSchedule, type BackupSchedule } from '@/lib/domain/backups/schedule';
import { DomainError } from '@/lib/domain/errors';
import { kindsWhere } from '@/lib/providers';
import { alertOverdueBackups } from '@/lib/services/alerts/overdue';
import { sendWeeklySummaries } from '@/lib/services/alerts/weekly';
import { queueSync } from './account-sync';
import { queueDueMeasure } from './measure-disks';
import { startBackup } from './backup';
import { verifyBackup } from './verify-backup';

// The backup scheduler: on every tick, each instance with backups on gets its automatic backup
// in its window. Every tick may run in several workers at once: the (instance, windowStart)
// unique index lets exactly one of them create the window's backup row; the others' inserts
// fail and are ignored. A window that closed while nothing was running is recorded as missed.

export type TickResult = {
  started: string[];
  missed: string[];
  verifies?: number;
  syncs?: number;
  /** Whether a measurement of the disks whose figures are due was queued. */
  measures?: boolean;
  /** Overdue episodes that began on this tick (one alert each). */
  overdueAlerts?: number;
  /** Weekly summaries sent on this tick. */
  summaries?: number;
};

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}

/** Instances the scheduler reads at once, with one query for their last automatic windows. */
export const SCHEDULER_BATCH = 500;

const SCHEDULED = {
  id: true,
  backupDay: true,
  backupWindow: true,
  backupsEnabledAt: true,
  teamId: true,
  region: true,
} as const;
type Scheduled = Prisma.InstanceGetPayload<{ select: typeof SCHEDULED }>;

/**
 * Every instance the scheduler looks after, a batch at a time by id, each with the start of its
 * last automatic window: no query grows with the number of instances.
 */
async function* scheduledBatches(db: Db) {
  let after: string | null = null;
  for (;;) {
    // A provider that takes its own automatic backups is left to it; the sync reads them in.
    const batch: Scheduled[] = await db.instance.findMany({
      where: {
        backupsEnabled: true,
        account: { kind: { in: kindsWhere((t) => !t.ownsBackupSchedule) } },
        ...(after ? { id: { gt: after } } : {}),
      },
      orderBy: { id: 'asc' },
      take: SCHEDULER_BATCH,
      select: SCHEDULED,
    });
    if (batch.length === 0) return;
    after = batch[batch.length - 1].id;
    const lasts = await db.backup.groupBy({
      by: ['instanceId'],
      where: { instanceId: { in: batch.map((i) => i.id) }, kind: 'automatic', windowStart: { not: null } },
      _max: { windowStart: true },
    });
    const lastWindow = new Map(lasts.map((l) => [l.instanceId, l._max.windowStart]));
    yield batch.map((instance) => ({ instance, lastWindowStart: lastWindow.get(instance.id) ?? null }));
    if (batch.length < SCHEDULER_BATCH) return;
  }
}

/** One instance's turn: take the open window's backup, or record a closed one as missed. */
async function scheduleOne(db: Db, instance: Scheduled, lastWindowStart: Date | null, now: Date, result: TickResult) {
  const schedule = resolveSchedule(
    { day: instance.backupDay, window: instance.backupWindow } as BackupSchedule,
    instance.id,
  );
  const next = missedWindow(schedule, lastWindowStart ?? instance.backupsEnabledAt, now);
  try {
    if (next.action === 'run-now') {
      await startBackup(db, null, instance.id, { kind: 'automatic', windowStart: next.windowStart });
      result.started.push(instance.id);
    } else if (next.action === 'missed') {
      // The missed row is the instance's latest attempt, so its health turns to failed with it, in
      // one write (what refreshBackupFacts would conclude, without reading the backups again).
      await db.instance.update({
        where: { id: instance.id },
        data: {
          lastBackupFailed: true,
          backups: {
            create: {
              teamId: instance.teamId,
              region: instance.region,
              kind: 'automatic',
              status: 'failed',
              failureReason: 'Missed: Lifeboat was not running during the backup window.',
              diskId: '',
              windowStart: next.windowStart,
              createdByName: 'Scheduler',
            },
          },
        },
      });
      result.missed.push(instance.id);
    }
  } catch (error) {
    // Another scheduler took this window, or the instance is busy: the next tick looks again.
    if (!isUniqueViolation(error) && !(error instanceof DomainError)) throw error;
  }
}

export async function runSchedulerTick(db: Db, now: Date): Promise<TickResult> {
  const result: TickResult = { started: [], missed: [] };
  for await (const batch of scheduledBatches(db))
    for (const { instance, lastWindowStart } of batch) await scheduleOne(db, instance, lastWindowStart, now, result);
  result.verifies = await queueWeeklyVerifies(db, now);
  result.syncs = await queueDueSyncs(db, now);
  result.measures = await queueDueMeasure(db, now);
  result.overdueAlerts = (await alertOverdueBackups(db, now)).opened;
  result.summaries = await sendWeeklySummaries(db, now);
  return result;
}

const WEEK_MS = 7 * 24 * 3_600_000;

/**
 * Every successful backup is re-read and checked once a week, so a damaged one is found before
 * someone needs it. The lock key makes a second scheduler's attempt a no-op.
 */
async function queueWeeklyVerifies(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - WEEK_MS);
  const due = await db.backup.findMany({
    where: {
      status: 'successful',
      damaged: false,
      takenAt: { lte: cutoff },
      instance: { account: { kind: { in: kindsWhere((t) => t.canVerifyBackups) } } },
      OR: [{ verifiedAt: null }, { verifiedAt: { lte: cutoff } }],
    },
    select: { id: true, teamId: true, instanceId: true },
    take: 100,
  });
  let queued = 0;
  for (const b of due) {
    const job = await verifyBackup.enqueueOnce(db, {
      input: { backupId: b.id },
      teamId: b.teamId,
      instanceId: b.instanceId,
      lockKey: `verify:${b.id}`,
    });
    if (job) queued += 1;
  }
  return queued;
}

const SYNC_EVERY_MS = 5 * 60_000;

/** Remote accounts are read again every five minutes, so changes made in the provider's console show up. */
async function queueDueSyncs(db: Db, now: Date): Promise<number> {
  const due = await db.providerAccount.findMany({
    where: {
      kind: { in: kindsWhere((t) => t.remote) },
      apiTokenEncrypted: { not: null },
      OR: [{ syncedAt: null }, { syncedAt: { lte: new Date(now.getTime() - SYNC_EVERY_MS) } }],
    },
    select: { id: true },
  });
  let queued = 0;
  for (const a of due) if (await queueSync(db, a.id)) queued += 1;
  return queued;
}

/** Runs the scheduler every `everyMs` until stopped (alongside a worker). */
export function startScheduler(db: Db, everyMs = 60_000, clock: () => Date = () => new Date()) {
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    try {
      await runSchedulerTick(db, clock());
    } catch (error) {
      console.error('[scheduler] tick failed:', error);
    }
  };
  const timer = setInterval(tick, everyMs);
  timer.unref?.();
  void tick();
  return { stop: () => ((stopped = true), clearInterval(timer)) };
}
