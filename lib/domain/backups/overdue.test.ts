import { describe, expect, it } from 'vitest';
import { backupHealthOf, emptyBackupsText, firstBackupDue, isOverdue, missedWindow } from './overdue';
import { HOUR_MS } from './schedule';

const at = (iso: string) => new Date(iso);
const MIN_MS = 60_000;
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

describe('overdue: no successful backup in the last 26 hours while enabled', () => {
  const last = at('2025-06-02T10:00:00Z');
  const enabledAt = at('2025-05-01T00:00:00Z');

  it('is on time at 25:59 and overdue at 26:01', () => {
    expect(isOverdue({ enabled: true, lastSuccessAt: last, enabledAt }, plus(last, 25 * HOUR_MS + 59 * MIN_MS))).toBe(
      false,
    );
    expect(isOverdue({ enabled: true, lastSuccessAt: last, enabledAt }, plus(last, 26 * HOUR_MS))).toBe(false);
    expect(isOverdue({ enabled: true, lastSuccessAt: last, enabledAt }, plus(last, 26 * HOUR_MS + MIN_MS))).toBe(true);
  });

  it('never flags an instance whose backups are not enabled', () => {
    expect(isOverdue({ enabled: false, lastSuccessAt: last, enabledAt }, plus(last, 100 * HOUR_MS))).toBe(false);
    expect(isOverdue({ enabled: false, lastSuccessAt: null, enabledAt: null }, last)).toBe(false);
  });

  it('gives a freshly enabled instance 26 hours from enabling', () => {
    const fresh = at('2025-06-02T15:00:00Z');
    expect(
      isOverdue({ enabled: true, lastSuccessAt: null, enabledAt: fresh }, plus(fresh, 25 * HOUR_MS + 59 * MIN_MS)),
    ).toBe(false);
    expect(
      isOverdue({ enabled: true, lastSuccessAt: null, enabledAt: fresh }, plus(fresh, 26 * HOUR_MS + MIN_MS)),
    ).toBe(true);
  });

  it('counts from re-enabling when that is later than the last success', () => {
    const reEnabled = at('2025-06-10T08:00:00Z');
    expect(isOverdue({ enabled: true, lastSuccessAt: last, enabledAt: reEnabled }, plus(reEnabled, 2 * HOUR_MS))).toBe(
      false,
    );
  });

  it('flags enabled-with-no-timestamps rather than hiding it', () => {
    expect(isOverdue({ enabled: true, lastSuccessAt: null, enabledAt: null }, last)).toBe(true);
  });
});

describe('catch-up after the app was down', () => {
  const s = { day: 0, windowHour: 10 };

  it('runs now when the open window has had no run', () => {
    expect(missedWindow(s, at('2025-06-01T10:20:00Z'), at('2025-06-02T11:30:00Z'))).toEqual({
      action: 'run-now',
      windowStart: at('2025-06-02T10:00:00Z'),
      windowsMissed: 0,
    });
    expect(missedWindow(s, null, at('2025-06-02T10:00:00Z'))).toMatchObject({ action: 'run-now', windowsMissed: 0 });
  });

  it('waits when the open window already ran', () => {
    expect(missedWindow(s, at('2025-06-02T10:00:00Z'), at('2025-06-02T11:59:00Z'))).toEqual({
      action: 'wait',
      nextWindowStart: at('2025-06-03T10:00:00Z'),
    });
  });

  it('records a window that closed while the app was down', () => {
    expect(missedWindow(s, at('2025-06-01T10:20:00Z'), at('2025-06-02T12:00:00Z'))).toEqual({
      action: 'missed',
      windowStart: at('2025-06-02T10:00:00Z'),
      windowsMissed: 1,
    });
  });

  it('counts every window slept through, and the ones before an open window', () => {
    expect(missedWindow(s, at('2025-06-01T10:20:00Z'), at('2025-06-04T15:00:00Z'))).toMatchObject({
      action: 'missed',
      windowStart: at('2025-06-04T10:00:00Z'),
      windowsMissed: 3,
    });
    expect(missedWindow(s, at('2025-06-01T10:20:00Z'), at('2025-06-04T10:30:00Z'))).toEqual({
      action: 'run-now',
      windowStart: at('2025-06-04T10:00:00Z'),
      windowsMissed: 2,
    });
  });

  it('waits once the miss is recorded at the window start, and before any window comes', () => {
    expect(missedWindow(s, at('2025-06-02T10:00:00Z'), at('2025-06-02T12:00:00Z'))).toMatchObject({ action: 'wait' });
    expect(missedWindow(s, null, at('2025-06-02T09:00:00Z'))).toEqual({
      action: 'wait',
      nextWindowStart: at('2025-06-02T10:00:00Z'),
    });
  });

  it('records a window missed right after enabling (enable time passed as the last run)', () => {
    expect(missedWindow(s, at('2025-06-02T09:00:00Z'), at('2025-06-02T13:00:00Z'))).toMatchObject({
      action: 'missed',
      windowsMissed: 1,
    });
  });

  it('handles W22 across midnight: open until 00:00, missed from 00:00', () => {
    const late = { day: 0, windowHour: 22 };
    const last = at('2025-06-01T22:10:00Z');
    expect(missedWindow(late, last, at('2025-06-02T23:59:59Z'))).toMatchObject({
      action: 'run-now',
      windowStart: at('2025-06-02T22:00:00Z'),
    });
    expect(missedWindow(late, last, at('2025-06-03T00:00:00Z'))).toMatchObject({
      action: 'missed',
      windowStart: at('2025-06-02T22:00:00Z'),
    });
  });
});

describe('backup health: waiting for the first backup is neither fine nor a problem', () => {
  const enabledAt = at('2025-06-02T15:00:00Z');
  const now = plus(enabledAt, 3 * HOUR_MS);
  const base = { enabled: true, enabledAt, lastSuccessAt: null, lastAttempt: null } as const;

  it('is waiting while enabled, never backed up and not yet late', () => {
    expect(backupHealthOf(base, now)).toBe('waiting');
  });

  it('is overdue once the first backup is 26 hours late, failed when the last attempt failed', () => {
    expect(backupHealthOf(base, plus(enabledAt, 27 * HOUR_MS))).toBe('overdue');
    expect(backupHealthOf({ ...base, lastAttempt: 'failed' }, now)).toBe('failed');
  });

  it('is ok with a recent success and off when disabled', () => {
    expect(backupHealthOf({ ...base, lastSuccessAt: plus(enabledAt, HOUR_MS), lastAttempt: 'successful' }, now)).toBe(
      'ok',
    );
    expect(backupHealthOf({ ...base, enabled: false }, now)).toBe('off');
  });

  it('is due at the next window start, or the open window when inside it', () => {
    const s = { day: 0, windowHour: 10 };
    expect(firstBackupDue(s, at('2025-06-02T08:00:00Z'))).toEqual(at('2025-06-02T10:00:00Z'));
    expect(firstBackupDue(s, at('2025-06-02T11:30:00Z'))).toEqual(at('2025-06-02T10:00:00Z'));
    expect(firstBackupDue(s, at('2025-06-02T12:00:00Z'))).toEqual(at('2025-06-03T10:00:00Z'));
  });
});

describe('the empty backups table', () => {
  it('says "No backups yet" only with no row at all: a pending snapshot is a row', () => {
    expect(emptyBackupsText([{ status: 'pending', kind: 'snapshot' }], null)).toBeNull();
    expect(emptyBackupsText([{ status: 'failed', kind: 'automatic' }], null)).toBeNull();
    expect(emptyBackupsText([], null)).toBe(
      'No backups yet. The first runs in the next window, or take a snapshot now.',
    );
    expect(emptyBackupsText([], 'Linode')).toBe(
      'No backups yet. Linode takes the first in its window, or take a snapshot now.',
    );
  });
});
