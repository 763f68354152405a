import type { Prisma } from '@/lib/generated/sqlite/client';
import { backupHealthOf, OVERDUE_AFTER_MS, type BackupHealth } from '@/lib/domain/backups/overdue';
import type { DbOrTx } from '@/lib/jobs';

// An instance's backup health lives on its own row (lastBackupAt, lastBackupFailed), as its
// backups leave it: every place that makes a backup successful or failed, records a missed
// window, syncs, recovers, rotates or removes backups calls refreshBackupFacts afterwards. The
// overview and the list's health filter then count with an index (problemWhere, waitingWhere)
// instead of reading every instance's backups; backupHealthOf stays the one rule.

/** Recomputes the instance's facts from its backups (the migration's backfill does the same). */
export async function refreshBackupFacts(db: DbOrTx, instanceId: string): Promise<void> {
  const [success, latest] = await Promise.all([
    db.backup.aggregate({ where: { instanceId, status: 'successful' }, _max: { takenAt: true } }),
    db.backup.findFirst({
      where: { instanceId, status: { in: ['successful', 'failed'] } },
      orderBy: { createdAt: 'desc' },
      select: { status: true },
    }),
  ]);
  await db.instance.updateMany({
    where: { id: instanceId },
    data: { lastBackupAt: success._max.takenAt, lastBackupFailed: latest?.status === 'failed' },
  });
}

type HealthColumns = {
  backupsEnabled: boolean;
  backupsEnabledAt: Date | null;
  lastBackupAt: Date | null;
  lastBackupFailed: boolean;
};

/** The row's health by the one rule, from its columns. */
export function healthOfRow(i: HealthColumns, now: Date): BackupHealth {
  return backupHealthOf(
    {
      enabled: i.backupsEnabled,
      lastSuccessAt: i.lastBackupAt,
      enabledAt: i.backupsEnabledAt,
      lastAttempt: i.lastBackupFailed ? 'failed' : i.lastBackupAt ? 'successful' : null,
    },
    now,
  );
}

const cutoffOf = (now: Date) => new Date(now.getTime() - OVERDUE_AFTER_MS);

/** The latest attempt failed (backupHealthOf as a query): "failing". */
export function failedWhere() {
  return { backupsEnabled: true, lastBackupFailed: true } satisfies Prisma.InstanceWhereInput;
}

/** No success in 26 hours, nor enabled within them, and not failed (backupHealthOf as a query): "overdue". */
export function overdueWhere(now: Date) {
  const cutoff = cutoffOf(now);
  return {
    backupsEnabled: true,
    lastBackupFailed: false,
    AND: [
      { OR: [{ lastBackupAt: null }, { lastBackupAt: { lt: cutoff } }] },
      { OR: [{ backupsEnabledAt: null }, { backupsEnabledAt: { lt: cutoff } }] },
    ],
  } satisfies Prisma.InstanceWhereInput;
}

/** Overdue or failed: the overview's "overdue or failing" and the list's ?health=problem. */
export function problemWhere(now: Date) {
  return { OR: [failedWhere(), overdueWhere(now)] } satisfies Prisma.InstanceWhereInput;
}

/** Enabled within the last 26 hours and never backed up, nor failed: waiting for a first backup. */
export function waitingWhere(now: Date) {
  return {
    backupsEnabled: true,
    lastBackupFailed: false,
    lastBackupAt: null,
    backupsEnabledAt: { gte: cutoffOf(now) },
  } satisfies Prisma.InstanceWhereInput;
}
