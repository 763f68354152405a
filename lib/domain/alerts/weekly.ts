import { DAY_MS, HOUR_MS } from '@/lib/domain/backups/schedule';

// The weekly summary: one per destination that asked for it, on Monday morning (from 08:00 UTC),
// about the seven days before. Plain functions of the time passed in.

const SEND_FROM_MS = 8 * HOUR_MS;

/** Monday 00:00 UTC of the week `now` is in. */
export function weekStart(now: Date): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const sinceMonday = (now.getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * DAY_MS);
}

/** The week whose summary is due at `now`, or null before Monday 08:00 UTC of this week. */
export function summaryWeekDue(now: Date): Date | null {
  const start = weekStart(now);
  return now.getTime() - start.getTime() >= SEND_FROM_MS ? start : null;
}

export type WeekFacts = { succeeded: number; failed: number; overdue: number; damaged: number };

export function weeklySentence(f: WeekFacts): string {
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  const trouble = [
    f.failed && n(f.failed, 'failed backup'),
    f.overdue && `${n(f.overdue, 'instance')} overdue`,
    f.damaged && n(f.damaged, 'damaged backup'),
  ].filter(Boolean);
  return `Last week: ${n(f.succeeded, 'successful backup')}${trouble.length ? `, ${trouble.join(', ')}` : ', nothing failed'}.`;
}
