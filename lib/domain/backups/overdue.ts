import {
  DAY_MS,
  HOUR_MS,
  currentWindowStart,
  lastClosedWindowStart,
  nextBackupTimes,
  type ScheduleTimes,
} from './schedule';

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
    return {
      action: 'run-now',
      windowStart: open,
      windowsMissed: lastRunAt ? startsBetween(lastRunAt, lastClosed) : 0,
    };
  }
  const closed = lastClosedWindowStart(s, now);
  if (lastRunAt !== null && lastRunAt < closed) {
    return { action: 'missed', windowStart: closed, windowsMissed: startsBetween(lastRunAt, closed) };
  }
  return { action: 'wait', nextWindowStart: nextBackupTimes(s, new Date(now.getTime() + 1), 1)[0].at };
}

/**
 * How an instance's backups stand, for lists and the overview:
 * - off: the service is not enabled;
 * - failed: the latest attempt (successful or failed) failed;
 * - overdue: see isOverdue (a first backup missed for 26 hours is overdue too);
 * - waiting: enabled recently and never backed up yet: not a problem, but not "backed up" either;
 * - ok: a successful backup within the last 26 hours.
 */
export type BackupHealth = 'off' | 'waiting' | 'ok' | 'overdue' | 'failed';

export function backupHealthOf(
  f: BackupHealthFacts & { lastAttempt: 'successful' | 'failed' | null },
  now: Date,
): BackupHealth {
  if (!f.enabled) return 'off';
  if (f.lastAttempt === 'failed') return 'failed';
  if (isOverdue(f, now)) return 'overdue';
  return f.lastSuccessAt === null ? 'waiting' : 'ok';
}

/**
 * When the first automatic backup of a waiting instance is due: the start of its window, the
 * open one when `now` is inside it (the scheduler takes it at once), else the next one.
 */
export function firstBackupDue(s: ScheduleTimes, now: Date): Date {
  return currentWindowStart(s, now) ?? nextBackupTimes(s, now, 1)[0].at;
}

/**
 * The line an instance's backups table shows when it has no row to show, or null when it has
 * rows: a pending or failed attempt is a row, so the table never says "No backups yet" above it.
 * `scheduledBy` names the provider when it takes the automatic backups itself.
 */
export function emptyBackupsText(rows: readonly unknown[], scheduledBy: string | null): string | null {
  if (rows.length > 0) return null;
  return `No backups yet. ${scheduledBy ? `${scheduledBy} takes the first in its window` : 'The first runs in the next window'}, or take a snapshot now.`;
}
