import type { Db } from '@/lib/db/client';
import type { BackupSlot } from '@/lib/db/enums';
import { rotate, rotateSnapshot, type AutomaticSlot } from '@/lib/domain/backups/rotation';
import { resolveSchedule, type BackupSchedule } from '@/lib/domain/backups/schedule';

/**
 * Puts a just-taken backup in its slot and returns the backups it pushes out (already removed
 * from the database; the caller deletes their data). The rules are the pure ones in
 * lib/domain/backups/rotation.ts; this only reads the rows and applies the answer in one transaction.
 */
export async function rotateAfterBackup(db: Db, backupId: string, takenAt: Date) {
  const backup = await db.backup.findUniqueOrThrow({ where: { id: backupId }, include: { instance: true } });
  const siblings = await db.backup.findMany({
    where: { instanceId: backup.instanceId, kind: backup.kind, status: 'successful', id: { not: backup.id } },
  });
  let slots: { id: string; slot: BackupSlot }[];
  let deleted: string[];
  if (backup.kind === 'snapshot') {
    const r = rotateSnapshot(
      siblings.map((s) => s.id),
      backup.id,
    );
    slots = [{ id: r.keep, slot: 'snapshot' }];
    deleted = r.delete;
  } else {
    const schedule = resolveSchedule(
      { day: backup.instance.backupDay, window: backup.instance.backupWindow } as BackupSchedule,
      backup.instanceId,
    );
    const existing = siblings
      .filter((s) => s.takenAt && s.slot)
      .map((s) => ({ id: s.id, takenAt: s.takenAt!, slot: s.slot as AutomaticSlot }));
    const r = rotate({ existing, taken: { id: backup.id, takenAt }, scheduledDay: schedule.day, now: takenAt });
    slots = r.keep;
    deleted = r.delete;
  }
  await db.$transaction([
    db.backup.deleteMany({ where: { id: { in: deleted } } }),
    ...slots.map((s) => db.backup.update({ where: { id: s.id }, data: { slot: s.slot } })),
  ]);
  return siblings.filter((s) => deleted.includes(s.id));
}
