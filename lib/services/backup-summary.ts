import type { Db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/sqlite/client';
import { keepFirst } from '@/lib/domain/first-rows';
import { backupHealth } from './backups';

// The overview's "overdue or failing" and "waiting for a first backup": counts over every
// instance in scope with backups on, and the first few of each by label. The instances are read
// in batches by id, so no query carries more ids than one batch (a single `in` list of every
// enabled instance exceeded the databases' parameter limits at scale) and the answer's size does
// not grow with the number of instances.

export const SUMMARY_BATCH = 500;

type Listed = { id: string; label: string; backupDay: string; backupWindow: string };
export type ProblemRow = { id: string; label: string; health: 'overdue' | 'failed' };
export type WaitingRow = Listed;

export async function backupSummary(db: Db, where: Prisma.InstanceWhereInput, now: Date, shown = 10) {
  let problems: ProblemRow[] = [];
  let waiting: WaitingRow[] = [];
  let problemCount = 0;
  let waitingCount = 0;
  let after: string | null = null;
  for (;;) {
    const batch: (Listed & { backupsEnabled: boolean; backupsEnabledAt: Date | null })[] = await db.instance.findMany({
      where: { ...where, backupsEnabled: true, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: 'asc' },
      take: SUMMARY_BATCH,
      select: {
        id: true,
        label: true,
        backupsEnabled: true,
        backupsEnabledAt: true,
        backupDay: true,
        backupWindow: true,
      },
    });
    if (batch.length === 0) break;
    after = batch[batch.length - 1].id;
    const health = await backupHealth(db, batch, now);
    const bad: ProblemRow[] = [];
    const first: WaitingRow[] = [];
    for (const i of batch) {
      const h = health.get(i.id);
      if (h === 'overdue' || h === 'failed') bad.push({ id: i.id, label: i.label, health: h });
      if (h === 'waiting')
        first.push({ id: i.id, label: i.label, backupDay: i.backupDay, backupWindow: i.backupWindow });
    }
    problemCount += bad.length;
    waitingCount += first.length;
    problems = keepFirst(problems, bad, shown);
    waiting = keepFirst(waiting, first, shown);
    if (batch.length < SUMMARY_BATCH) break;
  }
  return { problems, problemCount, waiting, waitingCount };
}
