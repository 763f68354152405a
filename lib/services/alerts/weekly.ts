import type { Db } from '@/lib/db/client';
import { wantsEvent } from '@/lib/domain/alerts/events';
import { summaryWeekDue, weeklySentence, type WeekFacts } from '@/lib/domain/alerts/weekly';
import { raiseAlert } from './raise';

// The weekly summary, from the scheduler: each enabled destination is considered once a week
// (its summaryWeek moves on with a conditional update, so two schedulers send one), and those
// that asked for the summary get the team's week in numbers, counted by the database.

const PAGE = 200;
const WEEK_MS = 7 * 24 * 3_600_000;

async function factsOf(db: Db, teamId: string, since: Date, until: Date): Promise<WeekFacts> {
  const within = { teamId, createdAt: { gte: since, lt: until } };
  const [succeeded, failed, damaged, overdue] = await Promise.all([
    db.backup.count({ where: { ...within, status: 'successful' } }),
    db.backup.count({ where: { ...within, status: 'failed' } }),
    db.backup.count({ where: { teamId, damaged: true } }),
    db.overdueAlert.count({ where: { teamId } }),
  ]);
  return { succeeded, failed, damaged, overdue };
}

/** Sends this week's summaries that are due; the number sent. */
export async function sendWeeklySummaries(db: Db, now: Date): Promise<number> {
  const week = summaryWeekDue(now);
  if (!week) return 0;
  const since = new Date(week.getTime() - WEEK_MS);
  const facts = new Map<string, WeekFacts>();
  let sent = 0;
  const due = await db.alertDestination.findMany({
    where: { enabled: true, OR: [{ summaryWeek: null }, { summaryWeek: { lt: week } }] },
    select: { id: true, teamId: true, events: true },
    orderBy: { id: 'asc' },
    take: PAGE,
  });
  for (const d of due) {
    const { count } = await db.alertDestination.updateMany({
      where: { id: d.id, OR: [{ summaryWeek: null }, { summaryWeek: { lt: week } }] },
      data: { summaryWeek: week },
    });
    if (count !== 1 || !wantsEvent(d.events, 'summary.weekly')) continue;
    if (!facts.has(d.teamId)) facts.set(d.teamId, await factsOf(db, d.teamId, since, week));
    const f = facts.get(d.teamId)!;
    sent += await raiseAlert(
      db,
      {
        teamId: d.teamId,
        type: 'summary.weekly',
        summary: weeklySentence(f),
        data: { week: { from: since.toISOString(), to: week.toISOString() }, backups: f },
      },
      { destinationId: d.id },
      now,
    );
  }
  return sent;
}
