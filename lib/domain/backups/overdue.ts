import { DAY_MS, HOUR_MS, currentWindowStart, lastClosedWindowStart, nextBackupTimes, type ScheduleTimes } from './schedule';

// When backups have stopped happening, and what the scheduler does about a window it may have
// slept through. Plain functions of the timestamps passed in.

/**
 * A daily backup may land anywhere in its 2-hour window, so two successful dailies can be up to
 * 26 hours apart without anything being wrong. Past that, a backup has been missed.
 */
export const OVERDUE_AFTER_MS = 26 * HOUR_MS;

export type BackupHealthFacts = {
  enabled: boolean;
  lastSuccessAt: Date | null;
  /** When backups were (last) enabled: a freshly enabled instance gets 26 hours for its first. */
  enabledAt: Date | null;
};

/**
 * Overdue: enabled and no successful backup within the last 26 hours (counted from enabling when
 * that is more recent). Exactly 26 hours is still on time. Enabled with neither timestamp is
 * inconsistent data and shown as overdue rather than hidden.
 */
export function isOverdue(f: BackupHealthFacts, now: Date): boolean {
  if (!f.enabled) return false;
  const since = Math.max(f.lastSuccessAt?.getTime() ?? -Infinity, f.enabledAt?.getTime() ?? -Infinity);
  if (since === -Infinity) return true;
  return now.getTime() - since > OVERDUE_AFTER_MS;
}

export type CatchUp =
  /** The window containing `now` has had no run yet: take the backup now. */
  | { action: 'run-now'; windowStart: Date; windowsMissed: number }
  /** A window closed since the last run without one: record it as missed (at `windowStart`). */
  | { action: 'missed'; windowStart: Date; windowsMissed: number }
  | { action: 'wait'; nextWindowStart: Date };

/** Window starts s with after < s <= upTo, one per day. */
function startsBetween(after: Date, upTo: Date): number {
  const gap = upTo.getTime() - after.getTime();
  return gap <= 0 ? 0 : Math.floor((gap - 1) / DAY_MS) + 1;
}

/**
 * What the scheduler does on waking (start-up or tick). `lastRunAt` is the start of the last
 * automatic run of any outcome, including a recorded miss (recorded at the missed window's start,
 * so the next call waits); pass the enabling time when nothing has run yet, so a window missed
 * right after enabling is recorded too. With null, only an open window matters.
 * A window "has had a run" when the last run started at or after the window's start.
 * `windowsMissed` counts closed windows without a run (several after a long outage); the one
 * reported is the latest, since the scheduler only ever catches up the open window.
 */
export function missedWindow(s: ScheduleTimes, lastRunAt: Date | null, now: Date): CatchUp {
  const open = currentWindowStart(s, now);
  if (open && (lastRunAt === null || lastRunAt < open)) {
    const lastClosed = new Date(open.getTime() - DAY_MS);
    return { action: 'run-now', windowStart: open, windowsMissed: lastRunAt ? startsBetween(lastRunAt, lastClosed) : 0 };
  }
  const closed = lastClosedWindowStart(s, now);
  if (lastRunAt !== null && lastRunAt < closed) {
    return { action: 'missed', windowStart: closed, windowsMissed: startsBetween(lastRunAt, closed) };
  }
  return { action: 'wait', nextWindowStart: nextBackupTimes(s, new Date(now.getTime() + 1), 1)[0].at };
}
