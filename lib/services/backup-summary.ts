import type { Db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/sqlite/client';
import { failedWhere, overdueWhere, waitingWhere } from './backup-facts';

// The overview's "overdue or failing" and "waiting for a first backup": indexed counts over the
// health kept on each instance row (lib/services/backup-facts.ts) and the first few of each, read
// in an order an index serves, so neither the queries nor the answer grow with the number of
// instances. Failing comes before overdue (it needs someone now); waiting instances come newest
// first, so the one whose backups were just turned on is at the top.

export type ProblemRow = { id: string; label: string; health: 'overdue' | 'failed' };
export type WaitingRow = { id: string; label: string; backupDay: string; backupWindow: string };

const byLabel = [{ label: 'asc' as const }, { id: 'asc' as const }];

export async function backupSummary(db: Db, where: Prisma.InstanceWhereInput, now: Date, shown = 10) {
  const failed = { AND: [where, failedWhere()] };
  const overdue = { AND: [where, overdueWhere(now)] };
  const wait = { AND: [where, waitingWhere(now)] };
  const [failedCount, overdueCount, waitingCount] = await Promise.all([
    db.instance.count({ where: failed }),
    db.instance.count({ where: overdue }),
    db.instance.count({ where: wait }),
  ]);
  const row = { id: true, label: true } as const;
  const [failedRows, overdueRows, waiting] = await Promise.all([
    failedCount ? db.instance.findMany({ where: failed, select: row, orderBy: byLabel, take: shown }) : [],
    overdueCount && failedCount < shown
      ? db.instance.findMany({ where: overdue, select: row, orderBy: byLabel, take: shown - failedCount })
      : [],
    waitingCount
      ? db.instance.findMany({
          where: wait,
          select: { id: true, label: true, backupDay: true, backupWindow: true },
          orderBy: [{ backupsEnabledAt: 'desc' }, { id: 'desc' }],
          take: shown,
        })
      : [],
  ]);
  const problems: ProblemRow[] = [
    ...failedRows.map((i) => ({ ...i, health: 'failed' as const })),
    ...overdueRows.map((i) => ({ ...i, health: 'overdue' as const })),
  ];
  return { problems, problemCount: failedCount + overdueCount, waiting, waitingCount };
}
