import type { Db } from '@/lib/db/client';
import { JOB_NAMES } from '@/lib/domain/progress';
import { traitsOf } from '@/lib/providers';
import { instanceWithPrimary, usableBackup } from '@/lib/services/backups';
import { DomainError } from '@/lib/domain/errors';
import type { Actor } from '@/lib/services/images';
import { defineOperation, unlessBusy } from './define';
import { backupOntoDiskInput, backupRef, loadBackupOntoDisk } from './shared/backups';
import { backInService, existingDisk, rebuilt } from './shared/rebuild';

// Restoring an instance's primary disk from a backup of the same region and account.

export const restoreBackup = defineOperation({
  kind: 'backup.restore',
  input: backupOntoDiskInput,
  label: JOB_NAMES.restore,
  async run({ db, input, progress, log, signal }) {
    const { backup, instance, provider, disk } = await loadBackupOntoDisk(
      db,
      input,
      'The disk to restore onto no longer exists.',
    );
    await db.instance.update({ where: { id: instance.id }, data: { status: 'restoring' } });
    log(`Restoring ${instance.label} from the ${backup.slot ?? backup.kind} backup`);
    const restoring = provider.restoreBackup(await backupRef(db, backup), existingDisk(instance, disk), {
      onProgress: progress,
      signal,
      log,
    });
    const { digest } = await rebuilt(restoring, async (error) => {
      await db.backup.update({ where: { id: backup.id }, data: { damaged: true } });
      // The message reaches the target's team; a backup of another team goes unnamed (its manifest id).
      return `The backup is damaged and was not used${backup.teamId === instance.teamId ? `: ${error.message}` : '.'}`;
    });
    return backInService(db, instance.id, log, { digest, of: 'backup', created: false });
  },
  // The disk was never replaced unless the restore checked out; the instance goes back to running.
  async onEnd({ db, input }) {
    await db.instance.updateMany({
      where: { id: input.instanceId, status: 'restoring' },
      data: { status: 'running' },
    });
  },
});

/** Restores onto an instance of the same region, replacing its primary disk. */
export async function startRestore(db: Db, actor: Actor, backupId: string, targetInstanceId: string) {
  const backup = await usableBackup(db, backupId);
  const { instance, primary } = await instanceWithPrimary(db, targetInstanceId);
  const source = await db.instance.findUnique({ where: { id: backup.instanceId }, select: { accountId: true } });
  if (instance.region !== backup.region || source?.accountId !== instance.accountId) {
    throw new DomainError(
      'A backup can only be restored to an instance in its own region and account.',
      'targetInstanceId',
    );
  }
  // A provider that replaces all the target's disks checks the fit itself.
  if (!traitsOf(instance.account.kind).restoreReplacesAllDisks && primary.sizeBytes < backup.sizeBytes) {
    throw new DomainError(`${instance.label}'s disk is smaller than the backup.`, 'targetInstanceId');
  }
  const job = await unlessBusy(instance.label, undefined, () =>
    restoreBackup.enqueue(db, {
      input: { backupId: backup.id, instanceId: instance.id, diskId: primary.id },
      instanceId: instance.id,
      teamId: instance.teamId,
      createdById: actor.id,
      lockKey: instance.id,
    }),
  );
  return { jobId: job.id };
}
