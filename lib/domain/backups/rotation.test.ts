import { describe, expect, it } from 'vitest';
import {
  AUTOMATIC_MAX_AGE_MS,
  type AutomaticBackup,
  type Rotation,
  rotate,
  rotateSnapshot,
  rotatesOutNext,
  settle,
  slotRoles,
} from './rotation';
import { DAY_MS, HOUR_MS, type ScheduleTimes } from './schedule';

const MIN_MS = 60_000;
const at = (iso: string) => new Date(iso);
const utcDay = (d: Date) => Math.floor(d.getTime() / DAY_MS);

/** Applies a rotation to the rows, as the scheduler would after its transaction. */
function apply(rows: AutomaticBackup[], r: Rotation, added?: { id: string; takenAt: Date }): AutomaticBackup[] {
  const all = added ? [...rows, { ...added, slot: 'daily' as const }] : rows;
  expect(new Set([...r.keep.map((k) => k.id), ...r.delete])).toEqual(new Set(all.map((b) => b.id)));
  expect(r.keep.filter((k) => r.delete.includes(k.id))).toEqual([]);
  return r.keep.map((k) => ({ ...all.find((b) => b.id === k.id)!, slot: k.slot }));
}

describe.each([
  { name: 'Wednesday, W10, rotate only', schedule: { day: 3, windowHour: 10 }, sweep: false },
  { name: 'Sunday, W22, swept before every backup', schedule: { day: 0, windowHour: 22 }, sweep: true },
])('30 simulated days: $name', ({ schedule, sweep }: { schedule: ScheduleTimes; sweep: boolean }) => {
  it('keeps one daily, a weekly under 7 days, a biweekly in its 8th–14th day, nothing past 14 days', () => {
    const firstDay = Date.UTC(2025, 2, 1); // a Saturday
    let rows: AutomaticBackup[] = [];
    let firstWeekly: number | null = null;

    for (let i = 0; i < 30; i++) {
      // Somewhere inside the window (never past its end), earlier some weeks and later others, so
      // the rotation cannot lean on the 14-day limit to drop the old biweekly.
      const takenAt = new Date(
        firstDay + i * DAY_MS + schedule.windowHour * HOUR_MS + ((i * i * 37) % 120) * MIN_MS + 17_000,
      );
      if (sweep) {
        const before = new Date(takenAt.getTime() - 1);
        rows = apply(rows, settle(rows, before));
        for (const b of rows) expect(before.getTime() - b.takenAt.getTime()).toBeLessThanOrEqual(AUTOMATIC_MAX_AGE_MS);
      }
      const taken = { id: `b${i}`, takenAt };
      rows = apply(rows, rotate({ existing: rows, taken, scheduledDay: schedule.day, now: takenAt }), taken);

      const now = takenAt.getTime();
      const isWeeklyDay = takenAt.getUTCDay() === schedule.day;
      if (isWeeklyDay && firstWeekly === null) firstWeekly = i;
      const roles = slotRoles(rows);
      const age = (b: AutomaticBackup) => now - b.takenAt.getTime();

      // Exactly one daily: the backup just taken (a separate row unless it is also the weekly).
      expect(roles.daily?.id).toBe(taken.id);
      expect(age(roles.daily!)).toBeLessThan(DAY_MS);
      expect(rows.filter((b) => b.slot === 'daily')).toHaveLength(isWeeklyDay ? 0 : 1);

      if (firstWeekly === null) {
        expect(roles.weekly).toBeUndefined();
      } else {
        expect(roles.weekly).toBeDefined();
        expect(roles.weekly!.takenAt.getUTCDay()).toBe(schedule.day);
        expect(age(roles.weekly!)).toBeLessThan(7 * DAY_MS);
      }

      if (firstWeekly === null || i < firstWeekly + 7) {
        expect(roles.biweekly).toBeUndefined();
      } else {
        const bi = roles.biweekly!;
        expect(bi).toBeDefined();
        const daysAgo = utcDay(takenAt) - utcDay(bi.takenAt);
        expect(daysAgo).toBeGreaterThanOrEqual(7); // its 8th day of life at the earliest…
        expect(daysAgo).toBeLessThanOrEqual(13); // …its 14th at the latest
        expect(age(bi)).toBeLessThanOrEqual(14 * DAY_MS);
        expect(utcDay(roles.weekly!.takenAt) - utcDay(bi.takenAt)).toBe(7); // the previous weekly
      }

      for (const b of rows) expect(age(b)).toBeLessThanOrEqual(AUTOMATIC_MAX_AGE_MS);
      expect(rows.length).toBeLessThanOrEqual(3);
      // One row per slot: no stray weekly or biweekly hiding behind the newest of its kind.
      expect(rows.filter((b) => b.slot === 'weekly').length).toBeLessThanOrEqual(1);
      expect(rows.filter((b) => b.slot === 'biweekly').length).toBeLessThanOrEqual(1);
    }
    expect(firstWeekly).not.toBeNull();
  });
});

describe('rotation rules', () => {
  const wed = 3;
  const row = (id: string, iso: string, slot: AutomaticBackup['slot']): AutomaticBackup => ({
    id,
    takenAt: at(iso),
    slot,
  });

  it('replaces the daily but never deletes a weekly for being an older daily', () => {
    // 2025-06-04 is a Wednesday (the weekly), 06-05 and 06-06 the dailies after it.
    const rows = [row('w', '2025-06-04T10:00:00Z', 'weekly'), row('d', '2025-06-05T10:00:00Z', 'daily')];
    const r = rotate({
      existing: rows,
      taken: { id: 'n', takenAt: at('2025-06-06T10:30:00Z') },
      scheduledDay: wed,
      now: at('2025-06-06T10:30:00Z'),
    });
    expect(r).toEqual({
      keep: [
        { id: 'n', slot: 'daily' },
        { id: 'w', slot: 'weekly' },
      ],
      delete: ['d'],
    });
  });

  it('on the scheduled day: the new backup is the weekly, the weekly the biweekly, the biweekly goes', () => {
    const rows = [
      row('b', '2025-05-21T10:00:00Z', 'biweekly'),
      row('w', '2025-05-28T10:00:00Z', 'weekly'),
      row('d', '2025-06-03T10:00:00Z', 'daily'),
    ];
    const now = at('2025-06-04T10:05:00Z');
    const r = rotate({ existing: rows, taken: { id: 'n', takenAt: now }, scheduledDay: wed, now });
    expect(r.keep).toEqual([
      { id: 'n', slot: 'weekly' },
      { id: 'w', slot: 'biweekly' },
    ]);
    expect(r.delete.sort()).toEqual(['b', 'd']);
  });

  it('a second backup on the scheduled day supersedes that day’s weekly and keeps the biweekly', () => {
    const rows = [row('b', '2025-05-28T10:00:00Z', 'biweekly'), row('w1', '2025-06-04T10:00:00Z', 'weekly')];
    const now = at('2025-06-04T11:00:00Z');
    const r = rotate({ existing: rows, taken: { id: 'w2', takenAt: now }, scheduledDay: wed, now });
    expect(r).toEqual({
      keep: [
        { id: 'w2', slot: 'weekly' },
        { id: 'b', slot: 'biweekly' },
      ],
      delete: ['w1'],
    });
  });

  it('demotes a weekly reaching 7 days when the scheduled day’s backup failed', () => {
    const rows = [
      row('b', '2025-05-21T10:00:00Z', 'biweekly'),
      row('w', '2025-05-28T10:00:00Z', 'weekly'),
      row('d', '2025-06-03T10:00:00Z', 'daily'),
    ];
    // Wednesday 06-04 failed; Thursday's daily arrives.
    const now = at('2025-06-05T10:00:00Z');
    const r = rotate({ existing: rows, taken: { id: 'n', takenAt: now }, scheduledDay: wed, now });
    expect(r.keep).toEqual([
      { id: 'n', slot: 'daily' },
      { id: 'w', slot: 'biweekly' },
    ]);
    expect(r.delete.sort()).toEqual(['b', 'd']);
  });

  it('keeps an old daily when backups stop, until the 14-day limit takes everything', () => {
    const rows = [row('w', '2025-06-04T10:00:00Z', 'weekly'), row('d', '2025-06-05T10:00:00Z', 'daily')];
    expect(settle(rows, at('2025-06-10T10:00:00Z')).delete).toEqual([]);
    expect(settle(rows, at('2025-06-18T10:00:00Z')).delete).toEqual([]); // 14 days exactly: kept
    expect(settle(rows, at('2025-06-18T10:00:00.001Z'))).toEqual({ keep: [{ id: 'd', slot: 'daily' }], delete: ['w'] });
    expect(settle(rows, at('2025-06-19T10:00:00.001Z')).delete.sort()).toEqual(['d', 'w']);
  });
});

describe('what rotates out next', () => {
  const s = { day: 3, windowHour: 10 };
  const rows: AutomaticBackup[] = [
    { id: 'b', takenAt: at('2025-05-21T10:20:00Z'), slot: 'biweekly' },
    { id: 'w', takenAt: at('2025-05-28T10:20:00Z'), slot: 'weekly' },
    { id: 'd', takenAt: at('2025-06-02T10:20:00Z'), slot: 'daily' },
  ];

  it('on an ordinary day only the daily is replaced', () => {
    const p = rotatesOutNext(rows, s, at('2025-06-02T12:00:00Z'));
    expect(p).toEqual({
      at: at('2025-06-03T10:00:00Z'),
      weekly: false,
      deletes: [{ id: 'd', slot: 'daily', reason: 'replaced' }],
      moves: [],
    });
  });

  it('before the scheduled day it names the biweekly going and the weekly moving down', () => {
    const p = rotatesOutNext(rows, s, at('2025-06-03T12:00:00Z'));
    expect(p.at).toEqual(at('2025-06-04T10:00:00Z'));
    expect(p.weekly).toBe(true);
    expect(p.deletes).toEqual([
      { id: 'b', slot: 'biweekly', reason: 'replaced' },
      { id: 'd', slot: 'daily', reason: 'replaced' },
    ]);
    expect(p.moves).toEqual([{ id: 'w', from: 'weekly', to: 'biweekly' }]);
  });

  it('says "expired" for a backup past 14 days by then (backups had stopped)', () => {
    const stale: AutomaticBackup[] = [{ id: 'old', takenAt: at('2025-05-19T10:00:00Z'), slot: 'daily' }];
    const p = rotatesOutNext(stale, s, at('2025-06-03T09:00:00Z'));
    expect(p.deletes).toEqual([{ id: 'old', slot: 'daily', reason: 'expired' }]);
  });
});

describe('manual snapshot slot', () => {
  it('holds one snapshot: the new one replaces the previous', () => {
    expect(rotateSnapshot([], 's1')).toEqual({ keep: 's1', delete: [] });
    expect(rotateSnapshot(['s1'], 's2')).toEqual({ keep: 's2', delete: ['s1'] });
  });
});
