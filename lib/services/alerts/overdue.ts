import type { Db } from '@/lib/db/client';
import { summaryOf } from '@/lib/domain/alerts/events';
import { HOUR_MS } from '@/lib/domain/backups/schedule';
import { raiseAlert } from './raise';

// Overdue backups reach people once per episode: an instance with backups on and no successful
// backup in 26 hours (counted from enabling when that is later, as isOverdue says) gets one
// OverdueAlert row and one alert; the row stays while it is overdue, so later scheduler ticks
// find it and say nothing more, and it goes when a backup succeeds (or backups go off), so the
// next lapse is a new episode. The database finds the few overdue instances itself (the
// backups' relation filter is a subquery over their (instanceId, status) index), a page at a
// time: no tick loads every instance or sends every id in one list, however many there are.

const OVERDUE_MS = 26 * HOUR_MS;
const PAGE = 200;
/** Pages one tick looks at; the rest wait for the next tick (after an outage many may be due at once). */
const MAX_PAGES = 10;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}

/** Opens the episodes of newly overdue instances (one alert each) and closes those that ended. */
export async function alertOverdueBackups(db: Db, now: Date): Promise<{ opened: number; closed: number }> {
  const cutoff = new Date(now.getTime() - OVERDUE_MS);
  const recentSuccess = { some: { status: 'successful' as const, takenAt: { gt: cutoff } } };
  const { count: closed } = await db.overdueAlert.deleteMany({
    where: { OR: [{ instance: { backupsEnabled: false } }, { instance: { backups: recentSuccess } }] },
  });
  let opened = 0;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    // Those already alerted drop out of the query, so each page is the next one.
    const due = await db.instance.findMany({
      where: {
        backupsEnabled: true,
        OR: [{ backupsEnabledAt: null }, { backupsEnabledAt: { lt: cutoff } }],
        overdueAlert: { is: null },
        backups: { none: { status: 'successful', takenAt: { gt: cutoff } } },
      },
      select: { id: true, label: true, teamId: true },
      orderBy: { id: 'asc' },
      take: PAGE,
    });
    for (const instance of due) if (await openEpisode(db, instance, now)) opened += 1;
    if (due.length < PAGE) break;
  }
  return { opened, closed };
}

/** The episode's row and its alert commit together; a second scheduler's insert fails and raises nothing. */
async function openEpisode(db: Db, instance: { id: string; label: string; teamId: string }, now: Date) {
  try {
    await db.$transaction(async (tx) => {
      await tx.overdueAlert.create({ data: { instanceId: instance.id, teamId: instance.teamId, since: now } });
      await raiseAlert(
        tx,
        {
          teamId: instance.teamId,
          type: 'backup.overdue',
          summary: summaryOf('backup.overdue', { jobName: '', instance: instance.label, error: null, problems: [] }),
          data: { instance: { id: instance.id, label: instance.label }, overdueSince: now.toISOString() },
        },
        undefined,
        now,
      );
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
