import type { Db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/sqlite/client';
import { healthOfRow, problemWhere, waitingWhere } from './backup-facts';

// The overview's "overdue or failing" and "waiting for a first backup": two indexed counts over
// the health kept on each instance row (lib/services/backup-facts.ts) and the first few of each
// by label, so neither the queries nor the answer grow with the number of instances.

export type ProblemRow = { id: string; label: string; health: 'overdue' | 'failed' };
export type WaitingRow = { id: string; label: string; backupDay: string; backupWindow: string };

const HEALTH_COLUMNS = {
  id: true,
  label: true,
  backupsEnabled: true,
  backupsEnabledAt: true,
  lastBackupAt: true,
  lastBackupFailed: true,
} as const;

export async function backupSummary(db: Db, where: Prisma.InstanceWhereInput, now: Date, shown = 10) {
  const problem = { AND: [where, problemWhere(now)] };
  const wait = { AND: [where, waitingWhere(now)] };
  const [problemCount, waitingCount] = await Promise.all([
    db.instance.count({ where: problem }),
    db.instance.count({ where: wait }),
  ]);
  const first = { orderBy: [{ label: 'asc' as const }, { id: 'asc' as const }], take: shown };
  const [problemRows, waiting] = await Promise.all([
    problemCount ? db.instance.findMany({ where: problem, select: HEALTH_COLUMNS, ...first }) : [],
    waitingCount
      ? db.instance.findMany({
          where: wait,
          select: { id: true, label: true, backupDay: true, backupWindow: true },
          ...first,
        })
      : [],
  ]);
  const problems = problemRows.map((i) => ({
    id: i.id,
    label: i.label,
    health: healthOfRow(i, now) === 'failed' ? ('failed' as const) : ('overdue' as const),
  }));
  return { problems, problemCount, waiting, waitingCount };
}
