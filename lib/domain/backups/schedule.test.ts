import { describe, expect, it } from 'vitest';
import {
  BACKUP_WINDOWS,
  UTC_WINDOWS,
  currentWindowStart,
  isInWindow,
  lastClosedWindowStart,
  nextBackupTimes,
  resolveSchedule,
  windowLabelLocal,
  windowLabelUtc,
  windowStartHour,
} from './schedule';
import { backupScheduleSchema } from './schedule-schema';

const at = (iso: string) => new Date(iso);

describe('schedule choices', () => {
  it('accepts Scheduling or a weekday, and Scheduling or W0..W22', () => {
    expect(backupScheduleSchema.safeParse({ day: 'Scheduling', window: 'Scheduling' }).success).toBe(true);
    expect(backupScheduleSchema.safeParse({ day: 'Tuesday', window: 'W22' }).success).toBe(true);
    expect(backupScheduleSchema.safeParse({ day: 'Funday', window: 'W10' }).success).toBe(false);
    expect(backupScheduleSchema.safeParse({ day: 'Monday', window: 'W3' }).success).toBe(false);
    expect(backupScheduleSchema.safeParse({ day: 'Monday', window: 'W24' }).success).toBe(false);
    expect(BACKUP_WINDOWS).toHaveLength(13);
  });
});

describe('window maths', () => {
  it('reads the start hour from the name', () => {
    expect(UTC_WINDOWS.map(windowStartHour)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22]);
  });

  it('labels windows in UTC, W22 ending at midnight', () => {
    expect(windowLabelUtc('W10')).toBe('10:00–12:00 UTC');
    expect(windowLabelUtc('W0')).toBe('00:00–02:00 UTC');
    expect(windowLabelUtc('W22')).toBe('22:00–00:00 UTC');
  });

  it('treats a window as [start, start + 2 h)', () => {
    const s = { day: 0, windowHour: 10 };
    expect(isInWindow(s, at('2025-06-02T09:59:59.999Z'))).toBe(false);
    expect(isInWindow(s, at('2025-06-02T10:00:00Z'))).toBe(true);
    expect(isInWindow(s, at('2025-06-02T11:59:59.999Z'))).toBe(true);
    expect(isInWindow(s, at('2025-06-02T12:00:00Z'))).toBe(false);
    expect(currentWindowStart(s, at('2025-06-02T11:30:00Z'))).toEqual(at('2025-06-02T10:00:00Z'));
    expect(currentWindowStart(s, at('2025-06-02T12:00:00Z'))).toBeNull();
  });

  it('closes W22 at midnight: 00:00 the next day is outside it', () => {
    const s = { day: 0, windowHour: 22 };
    expect(currentWindowStart(s, at('2025-06-02T23:59:59.999Z'))).toEqual(at('2025-06-02T22:00:00Z'));
    expect(isInWindow(s, at('2025-06-03T00:00:00Z'))).toBe(false);
    expect(lastClosedWindowStart(s, at('2025-06-03T00:00:00Z'))).toEqual(at('2025-06-02T22:00:00Z'));
    expect(lastClosedWindowStart(s, at('2025-06-02T23:59:00Z'))).toEqual(at('2025-06-01T22:00:00Z'));
  });
});

describe('local-time labels', () => {
  const winter = at('2025-01-15T08:00:00Z');
  const summer = at('2025-07-15T08:00:00Z');

  it('follows Berlin across daylight saving', () => {
    expect(windowLabelLocal('W10', 'Europe/Berlin', winter)).toBe('11:00–13:00 CET');
    expect(windowLabelLocal('W10', 'Europe/Berlin', summer)).toBe('12:00–14:00 CEST');
    expect(windowLabelLocal('W22', 'Europe/Berlin', winter)).toBe('23:00–01:00 CET');
  });

  it('follows New York across daylight saving', () => {
    expect(windowLabelLocal('W10', 'America/New_York', winter, 'en-US')).toBe('05:00–07:00 EST');
    expect(windowLabelLocal('W10', 'America/New_York', summer, 'en-US')).toBe('06:00–08:00 EDT');
    expect(windowLabelLocal('W0', 'America/New_York', winter)).toBe('19:00–21:00 GMT-5');
  });

  it('uses the next occurrence of the window, so the switch night shows the new offset in time', () => {
    // Europe springs forward on 2025-03-30 at 01:00 UTC, inside that night's W0.
    expect(windowLabelLocal('W0', 'Europe/Berlin', at('2025-03-29T23:00:00Z'))).toBe('01:00 CET–04:00 CEST');
    expect(windowLabelLocal('W0', 'Europe/Berlin', at('2025-03-30T03:00:00Z'))).toBe('02:00–04:00 CEST');
    // Still inside the window: the label is this occurrence's.
    expect(windowLabelLocal('W10', 'Europe/Berlin', at('2025-03-29T11:00:00Z'))).toBe('11:00–13:00 CET');
  });
});

describe('Scheduling: the system picks', () => {
  it('keeps explicit choices and says nothing was picked', () => {
    const r = resolveSchedule({ day: 'Wednesday', window: 'W14' }, 'inst-1');
    expect(r).toEqual({
      day: 3,
      windowHour: 14,
      dayName: 'Wednesday',
      window: 'W14',
      systemPicked: { day: false, window: false },
    });
  });

  it('picks the same day and window for the same instance every time, and reports them', () => {
    const a = resolveSchedule({ day: 'Scheduling', window: 'Scheduling' }, 'inst-42');
    const b = resolveSchedule({ day: 'Scheduling', window: 'Scheduling' }, 'inst-42');
    expect(a).toEqual(b);
    expect(a.systemPicked).toEqual({ day: true, window: true });
    expect(a.windowHour).toBe(windowStartHour(a.window));
    expect(['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][a.day]).toBe(a.dayName);
  });

  it('picks only the half left to it', () => {
    const r = resolveSchedule({ day: 'Friday', window: 'Scheduling' }, 'inst-42');
    expect(r.day).toBe(5);
    expect(r.systemPicked).toEqual({ day: false, window: true });
    expect(r.window).toBe(resolveSchedule({ day: 'Scheduling', window: 'Scheduling' }, 'inst-42').window);
  });

  it('spreads a fleet with sequential ids over every day and window', () => {
    const days = new Array(7).fill(0);
    const windows = new Array(12).fill(0);
    const n = 2400;
    for (let i = 0; i < n; i++) {
      const r = resolveSchedule({ day: 'Scheduling', window: 'Scheduling' }, `inst-${i}`);
      days[r.day] += 1;
      windows[r.windowHour / 2] += 1;
    }
    for (const c of days) expect(Math.abs(c - n / 7)).toBeLessThan((n / 7) * 0.2);
    for (const c of windows) expect(Math.abs(c - n / 12)).toBeLessThan((n / 12) * 0.25);
  });
});

describe('next-run preview', () => {
  it('lists the next window starts, one a day, marking the weekly', () => {
    // 2025-06-06 is a Friday; the weekly is on Sunday (0).
    const s = { day: 0, windowHour: 10 };
    const next = nextBackupTimes(s, at('2025-06-06T12:30:00Z'), 4);
    expect(next.map((n) => n.at.toISOString())).toEqual([
      '2025-06-07T10:00:00.000Z',
      '2025-06-08T10:00:00.000Z',
      '2025-06-09T10:00:00.000Z',
      '2025-06-10T10:00:00.000Z',
    ]);
    expect(next.map((n) => n.weekly)).toEqual([false, true, false, false]);
  });

  it('includes today when the window has not started yet, or starts right now', () => {
    const s = { day: 3, windowHour: 10 };
    expect(nextBackupTimes(s, at('2025-06-06T09:00:00Z'), 1)[0].at).toEqual(at('2025-06-06T10:00:00Z'));
    expect(nextBackupTimes(s, at('2025-06-06T10:00:00Z'), 1)[0].at).toEqual(at('2025-06-06T10:00:00Z'));
    expect(nextBackupTimes(s, at('2025-06-06T10:00:01Z'), 1)[0].at).toEqual(at('2025-06-07T10:00:00Z'));
  });

  it('crosses the week boundary and marks exactly one weekly per 7 days', () => {
    const s = { day: 6, windowHour: 22 };
    const next = nextBackupTimes(s, at('2025-06-06T23:00:00Z'), 14);
    expect(next.filter((n) => n.weekly).map((n) => n.at.toISOString())).toEqual([
      '2025-06-07T22:00:00.000Z',
      '2025-06-14T22:00:00.000Z',
    ]);
  });
});
