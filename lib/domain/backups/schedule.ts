// When the automatic backups run, as the service we model sets it: a daily backup every day in
// a 2-hour window in UTC, and a day of the week whose daily becomes the weekly. Either may be
// 'Scheduling', meaning the system picks. Everything here is UTC arithmetic on the timestamps
// passed in (no clock of its own); only the local-time label asks Intl about a time zone.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const WINDOW_HOURS = 2;

/** Index = Date#getUTCDay(), so a resolved schedule's day compares directly with a timestamp's. */
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
type Weekday = (typeof WEEKDAYS)[number];
export const BACKUP_DAYS = ['Scheduling', ...WEEKDAYS] as const;

export const UTC_WINDOWS = ['W0', 'W2', 'W4', 'W6', 'W8', 'W10', 'W12', 'W14', 'W16', 'W18', 'W20', 'W22'] as const;
export type UtcWindow = (typeof UTC_WINDOWS)[number];
export const BACKUP_WINDOWS = ['Scheduling', ...UTC_WINDOWS] as const;

// A plain type, not z.infer: this module is imported by client components (the schedule form,
// local times), and zod would come along into every page's JavaScript. The schemas are in
// ./schedule-schema.ts.
export type BackupSchedule = { day: (typeof BACKUP_DAYS)[number]; window: (typeof BACKUP_WINDOWS)[number] };

/** The concrete times every function below works from: day 0..6 (Sunday = 0, UTC), window start hour. */
export type ScheduleTimes = { day: number; windowHour: number };

export type ResolvedSchedule = ScheduleTimes & {
  dayName: Weekday;
  window: UtcWindow;
  /** Which halves the system chose, so the editor can say "Scheduling (picked: Tuesday)". */
  systemPicked: { day: boolean; window: boolean };
};

export function windowStartHour(w: UtcWindow): number {
  return Number(w.slice(1));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "10:00–12:00 UTC"; W22 ends at "00:00", the next day's midnight. */
export function windowLabelUtc(w: UtcWindow): string {
  const h = windowStartHour(w);
  return `${pad(h)}:00–${pad((h + WINDOW_HOURS) % 24)}:00 UTC`;
}

/**
 * The window in the viewer's time zone, "11:00–13:00 CET". Offsets change with daylight saving,
 * so the label is for the window's current or next occurrence after `now`. When a DST switch
 * falls inside the window both ends name their zone ("01:00 CET–04:00 CEST"). Zone names come
 * from the locale's data: en-GB says CET/CEST but GMT-5 for New York, en-US the reverse.
 */
export function windowLabelLocal(w: UtcWindow, timeZone: string, now: Date, locale = 'en-GB'): string {
  const hour = windowStartHour(w);
  let start = utcMidnight(now) + hour * HOUR_MS;
  if (start + WINDOW_HOURS * HOUR_MS <= now.getTime()) start += DAY_MS;
  const fmt = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  });
  const part = (at: number) => {
    const parts = fmt.formatToParts(new Date(at));
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return { time: `${get('hour')}:${get('minute')}`, zone: get('timeZoneName') };
  };
  const a = part(start);
  const b = part(start + WINDOW_HOURS * HOUR_MS);
  return a.zone === b.zone ? `${a.time}–${b.time} ${a.zone}` : `${a.time} ${a.zone}–${b.time} ${b.zone}`;
}

// FNV-1a with the murmur3 finaliser: FNV alone leaves ids that differ only in their last
// character in neighbouring buckets, and sequential ids are exactly what instances get.
function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Turns the stored choice into concrete times. 'Scheduling' picks from the instance id: the same
 * instance always gets the same pick (the preview never jumps), and a fleet spreads over the days
 * and windows instead of every backup starting at once. Day and window hash separately salted
 * ids so the two picks are independent.
 */
export function resolveSchedule(s: BackupSchedule, instanceId: string): ResolvedSchedule {
  const day = s.day === 'Scheduling' ? stableHash(`day:${instanceId}`) % 7 : WEEKDAYS.indexOf(s.day);
  const window =
    s.window === 'Scheduling' ? UTC_WINDOWS[stableHash(`window:${instanceId}`) % UTC_WINDOWS.length] : s.window;
  return {
    day,
    windowHour: windowStartHour(window),
    dayName: WEEKDAYS[day],
    window,
    systemPicked: { day: s.day === 'Scheduling', window: s.window === 'Scheduling' },
  };
}

function utcMidnight(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS) * DAY_MS;
}

/** Start of the window on the UTC day of `at` (whether or not `at` is inside it). */
function windowStartOnDayOf(s: ScheduleTimes, at: Date): number {
  return utcMidnight(at) + s.windowHour * HOUR_MS;
}

export type PlannedBackup = { at: Date; weekly: boolean };

/**
 * The next `count` window starts at or after `now`. A daily runs in every window; the one whose
 * window starts on the scheduled day (UTC) is the weekly. W22 runs 22:00–00:00, so its backup
 * belongs to the day the window starts on.
 */
export function nextBackupTimes(s: ScheduleTimes, now: Date, count: number): PlannedBackup[] {
  let start = windowStartOnDayOf(s, now);
  if (start < now.getTime()) start += DAY_MS;
  const out: PlannedBackup[] = [];
  for (let i = 0; i < count; i++, start += DAY_MS) {
    const at = new Date(start);
    out.push({ at, weekly: at.getUTCDay() === s.day });
  }
  return out;
}

/** Inside [start, start + 2 h): the window's end belongs to the next hour, not to the window. */
export function isInWindow(s: ScheduleTimes, at: Date): boolean {
  const h = at.getUTCHours();
  return h >= s.windowHour && h < s.windowHour + WINDOW_HOURS;
}

export function currentWindowStart(s: ScheduleTimes, at: Date): Date | null {
  return isInWindow(s, at) ? new Date(windowStartOnDayOf(s, at)) : null;
}

/** Start of the latest window that has fully closed by `at` (its end is at or before `at`). */
export function lastClosedWindowStart(s: ScheduleTimes, at: Date): Date {
  let start = windowStartOnDayOf(s, at);
  if (start + WINDOW_HOURS * HOUR_MS > at.getTime()) start -= DAY_MS;
  return new Date(start);
}
