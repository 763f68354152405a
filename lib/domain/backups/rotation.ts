import { DAY_MS, nextBackupTimes, type ScheduleTimes } from './schedule';

// Which automatic backups an instance keeps, as the service we model rotates them:
// daily (< 24 h old), weekly (the daily taken on the scheduled day, < 7 days), biweekly (the
// previous weekly, 8–14 days); nothing automatic older than 14 days. Plus one manual snapshot.
//
// Each backup row stores one slot, its longest-lived role. The rules, applied to the whole set
// after every successful automatic backup (rotate) and on any tick (settle):
//  1. A new backup is the 'weekly' when it is taken on the scheduled day (UTC day of takenAt,
//     which lies inside the window), otherwise the 'daily'.
//  2. The daily role always belongs to the newest automatic backup. On the scheduled day that is
//     the weekly itself (no separate 'daily' row: one copy, two roles). Any 'daily' row that is
//     not the newest backup has been replaced and is deleted; a weekly is never deleted for
//     being an older daily.
//  3. The newest 'weekly' stays weekly while under 7 days old. An older weekly from an earlier
//     UTC day becomes the biweekly candidate; one from the same UTC day (a second backup on the
//     scheduled day) is superseded and deleted, so a retry never pushes the biweekly out.
//     A weekly reaching 7 days with no successor (that day's backup failed) is demoted too,
//     so "weekly < 7 days" holds even when backups fail.
//  4. The newest biweekly candidate is the biweekly; the others (the previous biweekly) go.
//  5. Anything automatic older than 14 days at `now` is deleted, whatever its slot.
// In a working schedule this gives, right after each backup: the daily 0 h old, the weekly
// 0–6 days, the biweekly 7–13 whole days (its 8th to 14th day, the SPEC's "8–14 days"), and at
// most 3 rows. When backups fail, the daily is kept however old it gets (short of 14 days):
// deleting the newest copy because its successor failed would leave the user with less.

export type AutomaticSlot = 'daily' | 'weekly' | 'biweekly';
export type AutomaticBackup = { id: string; takenAt: Date; slot: AutomaticSlot };
export type Rotation = { keep: { id: string; slot: AutomaticSlot }[]; delete: string[] };

const WEEKLY_MAX_AGE_MS = 7 * DAY_MS;
export const AUTOMATIC_MAX_AGE_MS = 14 * DAY_MS;

const utcDay = (d: Date) => Math.floor(d.getTime() / DAY_MS);

/** Applies rules 2–5 to a set of successful automatic backups (no new one). */
export function settle(backups: AutomaticBackup[], now: Date): Rotation {
  const byNewest = [...backups].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
  const del = new Set<string>();
  const slots = new Map<string, AutomaticSlot>();
  const newest = byNewest[0];

  for (const b of byNewest) if (b.slot === 'daily' && b !== newest) del.add(b.id);

  const weeklies = byNewest.filter((b) => b.slot === 'weekly');
  const candidates = byNewest.filter((b) => b.slot === 'biweekly');
  const [weekly, ...olderWeeklies] = weeklies;
  if (weekly) {
    if (now.getTime() - weekly.takenAt.getTime() >= WEEKLY_MAX_AGE_MS) candidates.push(weekly);
    else slots.set(weekly.id, 'weekly');
    for (const w of olderWeeklies) {
      if (utcDay(w.takenAt) === utcDay(weekly.takenAt)) del.add(w.id);
      else candidates.push(w);
    }
  }
  candidates.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
  candidates.forEach((c, i) => (i === 0 ? slots.set(c.id, 'biweekly') : del.add(c.id)));

  for (const b of byNewest) if (now.getTime() - b.takenAt.getTime() > AUTOMATIC_MAX_AGE_MS) del.add(b.id);

  const keep = byNewest.filter((b) => !del.has(b.id)).map((b) => ({ id: b.id, slot: slots.get(b.id) ?? b.slot }));
  return { keep, delete: byNewest.filter((b) => del.has(b.id)).map((b) => b.id) };
}

/** Rule 1, then settle: call after the new automatic backup has succeeded. */
export function rotate(input: {
  existing: AutomaticBackup[];
  taken: { id: string; takenAt: Date };
  scheduledDay: number;
  now: Date;
}): Rotation {
  const slot: AutomaticSlot = input.taken.takenAt.getUTCDay() === input.scheduledDay ? 'weekly' : 'daily';
  const others = input.existing.filter((b) => b.id !== input.taken.id);
  return settle([...others, { ...input.taken, slot }], input.now);
}

/** The roles the backups tab shows: the daily is the newest backup, even when it is the weekly. */
export function slotRoles(backups: AutomaticBackup[]): Partial<Record<AutomaticSlot, AutomaticBackup>> {
  const byNewest = [...backups].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
  return {
    daily: byNewest[0],
    weekly: byNewest.find((b) => b.slot === 'weekly'),
    biweekly: byNewest.find((b) => b.slot === 'biweekly'),
  };
}

export type RotationPreview = {
  at: Date;
  weekly: boolean;
  deletes: { id: string; slot: AutomaticSlot; reason: 'replaced' | 'expired' }[];
  moves: { id: string; from: AutomaticSlot; to: AutomaticSlot }[];
};

/**
 * What the next scheduled backup will do, for "which backups rotate out next". Assumes it runs at
 * its window's start and succeeds; a later start within the window changes nothing but ages.
 */
export function rotatesOutNext(backups: AutomaticBackup[], schedule: ScheduleTimes, now: Date): RotationPreview {
  const [next] = nextBackupTimes(schedule, now, 1);
  const phantom = `next:${next.at.toISOString()}`;
  const r = rotate({
    existing: backups,
    taken: { id: phantom, takenAt: next.at },
    scheduledDay: schedule.day,
    now: next.at,
  });
  const deleted = new Set(r.delete);
  const deletes = backups
    .filter((b) => deleted.has(b.id))
    .map((b) => ({
      id: b.id,
      slot: b.slot,
      reason:
        next.at.getTime() - b.takenAt.getTime() > AUTOMATIC_MAX_AGE_MS ? ('expired' as const) : ('replaced' as const),
    }));
  const moves = r.keep.flatMap((k) => {
    const b = backups.find((x) => x.id === k.id);
    return b && b.slot !== k.slot ? [{ id: b.id, from: b.slot, to: k.slot }] : [];
  });
  return { at: next.at, weekly: next.weekly, deletes, moves };
}

/**
 * The manual snapshot slot holds one snapshot. Call once the new snapshot has succeeded: a failed
 * snapshot must not cost the user the one they had (the UI confirms before starting, since it replaces).
 */
export function rotateSnapshot(existingIds: string[], newId: string): { keep: string; delete: string[] } {
  return { keep: newId, delete: existingIds.filter((id) => id !== newId) };
}
