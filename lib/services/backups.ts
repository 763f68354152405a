import type { Db } from '@/lib/db/client';
import { afterCommit } from '@/lib/db/unit-of-work';
import { providerFor } from '@/lib/providers';
import { DomainError, NotFoundError } from '@/lib/domain/errors';
import { queueBackupGc } from '@/lib/operations/backup-gc';
import { busyRefusal } from '@/lib/operations/define';

// The backup service of one instance: enable, cancel and the schedule (the jobs that
// take, restore, deploy and verify backups are in lib/operations/; health is in backup-facts.ts).
// Callers have already checked the caller may act on the instance's team. Backups of an
// instance live in its region's backup store; none of this is bound by the image limits.

export async function instanceWithPrimary(db: Db, instanceId: string) {
  const instance = await db.instance.findUnique({
    where: { id: instanceId },
    include: { account: true, disks: { where: { kind: 'primary' } } },
  });
  if (!instance || !instance.disks[0]) throw new NotFoundError('The instance');
  return { instance, primary: instance.disks[0] };
}

export async function enableBackups(db: Db, instanceId: string, now = new Date()) {
  const [applied] = await enableBackupsOf(db, [instanceId], now);
  return applied;
}

/**
 * Enables backups on several instances: every provider call first, then every row. Inside an
 * action the first row opens its transaction, which on SQLite holds the database for the whole
 * process, so no provider may be called after it. If a provider refuses one instance, no row
 * changes (those it enabled already stay enabled there, as when the write fails after the call).
 */
export async function enableBackupsOf(db: Db, instanceIds: string[], now = new Date()) {
  const instances = [];
  for (const id of instanceIds) {
    const { instance } = await instanceWithPrimary(db, id);
    if (!instance.backupsEnabled) await providerFor(instance.account).setBackups(instance, true);
    instances.push(instance);
  }
  const applied = [];
  for (const instance of instances) {
    applied.push(
      instance.backupsEnabled
        ? instance
        : await db.instance.update({
            where: { id: instance.id },
            data: { backupsEnabled: true, backupsEnabledAt: now },
          }),
    );
  }
  return applied;
}

/** Cancelling deletes every backup of the instance, the snapshot included (rows first, then data). */
export async function cancelBackups(db: Db, instanceId: string) {
  const { instance } = await instanceWithPrimary(db, instanceId);
  const running = await db.backup.count({ where: { instanceId, status: { in: ['pending', 'running'] } } });
  if (running > 0) throw busyRefusal(instance.label);
  const backups = await db.backup.findMany({ where: { instanceId } });
  const provider = providerFor(instance.account);
  // The provider first: if it refuses, nothing here changed.
  await provider.setBackups(instance, false);
  await db.$transaction([
    db.backup.deleteMany({ where: { instanceId } }),
    // No backups left, so none succeeded or failed (refreshBackupFacts would say the same).
    db.instance.update({
      where: { id: instanceId },
      data: { backupsEnabled: false, backupsEnabledAt: null, lastBackupAt: null, lastBackupFailed: false },
    }),
  ]);
  // The backups' data only once the rows' removal is committed (inside an action, with its entry).
  await afterCommit(async () => {
    for (const b of backups) await provider.deleteBackup(b);
    await queueBackupGc(db, instance.region);
  });
  return backups.length;
}

/** A backup fit to restore from: successful and not found damaged by verify. */
export async function usableBackup(db: Db, backupId: string) {
  const backup = await db.backup.findUnique({ where: { id: backupId } });
  if (!backup) throw new NotFoundError('The backup');
  if (backup.status !== 'successful') throw new DomainError('Only a successful backup can be restored.', 'backupId');
  if (backup.damaged)
    throw new DomainError('This backup failed verification and cannot be used. Choose another backup.', 'backupId');
  return backup;
}

export async function updateSchedule(db: Db, instanceId: string, day: string, window: string) {
  const { instance } = await instanceWithPrimary(db, instanceId);
  await providerFor(instance.account).setBackupSchedule(instance, { day, window });
  return db.instance.update({ where: { id: instanceId }, data: { backupDay: day, backupWindow: window } });
}
