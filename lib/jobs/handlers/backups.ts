import type { Db } from '@/lib/db/client';
import { formatGiBText } from '@/lib/domain/usage';
import { providerFor } from '@/lib/providers';
import { queueBackupGc } from '@/lib/services/backups';
import { destroyInstance } from '@/lib/services/provisioning';
import { ChunkError, DigestMismatchError } from '@/lib/storage';
import { PermanentJobError, registerJobHandler } from '../index';
import { diskRef } from '@/lib/providers/refs';
import { collectAgainLater } from './gc-later';
import { refreshRemote, remote } from './remote';
import { rotateAfterBackup } from './rotate';
import { backupRecord } from '@/lib/domain/store-record';

// Handlers for backup jobs. Like the image ones, each may run again after a worker dies: a
// capture starts over (stored chunks are reused), a restore rebuilds the disk from the start.

async function accountOf(db: Db, instanceId: string) {
  const instance = await db.instance.findUnique({ where: { id: instanceId }, include: { account: true } });
  if (!instance) throw new PermanentJobError('The instance no longer exists.');
  return { instance, provider: providerFor(instance.account) };
}

async function loadDisk(db: Db, diskId: string, missing: string) {
  const disk = await db.disk.findUnique({ where: { id: diskId } });
  if (!disk) throw new PermanentJobError(missing);
  return disk;
}

type BackupRow = { id: string; region: string; label: string; remoteId: string | null; instanceId: string };

/** The backup with the provider id of the instance it was taken of (a Linode restore names both). */
function refOf(backup: BackupRow, source: { remoteId: string | null } | null) {
  return {
    id: backup.id,
    region: backup.region,
    label: backup.label,
    remoteId: backup.remoteId,
    remoteInstanceId: source?.remoteId ?? null,
  };
}

/** The same, reading the source instance (a restore or deploy may target another one). */
async function backupRef(db: Db, backup: BackupRow) {
  return refOf(backup, await db.instance.findUnique({ where: { id: backup.instanceId }, select: { remoteId: true } }));
}

export function registerBackupHandlers() {
  registerJobHandler<{ backupId: string }>('backup.capture', {
    async run({ db, input, progress, log, signal }) {
      const backup = await db.backup.findUnique({ where: { id: input.backupId } });
      if (!backup) throw new PermanentJobError('The backup was deleted before it was taken.');
      const { instance, provider } = await accountOf(db, backup.instanceId);
      await db.backup.update({ where: { id: backup.id }, data: { status: 'running' } });
      log(`Backing up the primary disk of ${instance.label} (${backup.kind})`);
      const diskRow = await loadDisk(db, backup.diskId, 'The disk to back up no longer exists.');
      const disk = diskRef(instance, diskRow);
      const ref = refOf(backup, instance); // taken of this very instance
      if (!backup.remoteId) await provider.deleteBackup(ref); // a manifest from an attempt that died after writing it
      const onRemoteId = async (remoteId: string) =>
        void (await db.backup.update({ where: { id: backup.id }, data: { remoteId } }));
      const team = await db.team.findUniqueOrThrow({ where: { id: instance.teamId } });
      const about = backupRecord(backup, { team, account: instance.account, instance, disk: diskRow });
      const captured = await remote(
        provider.captureBackup(disk, ref, { onProgress: progress, signal, log, onRemoteId, about }),
      );
      const takenAt = new Date();
      await db.backup.update({
        where: { id: backup.id },
        data: {
          status: 'successful',
          takenAt,
          sizeBytes: BigInt(captured.sizeBytes),
          dataBytes: BigInt(captured.dataBytes),
          storedBytes: BigInt(captured.storedBytes),
          newBytes: BigInt(captured.newBytes),
          digest: captured.digest,
          remoteId: captured.remoteId ?? backup.remoteId,
        },
      });
      const removed = await rotateAfterBackup(db, backup.id, takenAt);
      for (const old of removed) await provider.deleteBackup(old);
      if (removed.length) await queueBackupGc(db, backup.region);
      log(
        `Backup successful: ${formatGiBText(captured.dataBytes)} of data, ${removed.length} older backup(s) rotated out`,
      );
      return { backupId: backup.id, digest: captured.digest };
    },
    async onEnd({ db, input }, outcome) {
      const backup = await db.backup.findUnique({ where: { id: input.backupId } });
      if (!backup || backup.status === 'successful' || backup.status === 'failed') return;
      // Failed first, so it is never used even when the store cannot be reached to clean up.
      await db.backup.update({ where: { id: backup.id }, data: { status: 'failed', failureReason: outcome.reason } });
      const { provider } = await accountOf(db, backup.instanceId).catch(() => ({ provider: null }));
      await provider?.deleteBackup(backup);
    },
  });

  registerJobHandler<{ backupId: string; instanceId: string; diskId: string }>('backup.restore', {
    async run({ db, input, progress, log, signal }) {
      const backup = await db.backup.findUnique({ where: { id: input.backupId } });
      if (!backup || backup.status !== 'successful' || backup.damaged)
        throw new PermanentJobError('The backup is no longer usable.');
      const { instance, provider } = await accountOf(db, input.instanceId);
      const disk = await loadDisk(db, input.diskId, 'The disk to restore onto no longer exists.');
      await db.instance.update({ where: { id: instance.id }, data: { status: 'restoring' } });
      log(`Restoring ${instance.label} from the ${backup.slot ?? backup.kind} backup`);
      const target = { ...diskRef(instance, disk), sizeBytes: Number(disk.sizeBytes) };
      const restoring = provider.restoreBackup(await backupRef(db, backup), target, {
        onProgress: progress,
        signal,
        log,
      });
      const { digest } = await remote(restoring).catch(async (error: unknown) => {
        if (error instanceof ChunkError || error instanceof DigestMismatchError) {
          await db.backup.update({ where: { id: backup.id }, data: { damaged: true } });
          // The message reaches the target's team; a backup of another team goes unnamed (its manifest id).
          throw new PermanentJobError(
            `The backup is damaged and was not used${backup.teamId === instance.teamId ? `: ${error.message}` : '.'}`,
          );
        }
        throw error;
      });
      await db.instance.update({ where: { id: instance.id }, data: { status: 'running' } });
      await refreshRemote(db, instance.id, log);
      log(`Disk verified against the backup digest ${digest.slice(0, 12)}…`);
      return { instanceId: instance.id, digest };
    },
    // The disk was never replaced unless the restore checked out; the instance goes back to running.
    async onEnd({ db, input }) {
      await db.instance.updateMany({
        where: { id: input.instanceId, status: 'restoring' },
        data: { status: 'running' },
      });
    },
  });

  registerJobHandler<{ backupId: string; instanceId: string; diskId: string }>('backup.deploy', {
    async run({ db, input, progress, log, signal }) {
      const backup = await db.backup.findUnique({ where: { id: input.backupId } });
      if (!backup || backup.status !== 'successful' || backup.damaged)
        throw new PermanentJobError('The backup is no longer usable.');
      const { instance, provider } = await accountOf(db, input.instanceId);
      const disk = await loadDisk(db, input.diskId, 'The new instance was removed before it was deployed.');
      log(`Rebuilding the disk of ${instance.label} from a backup`);
      const target = {
        ...diskRef(instance, disk),
        sizeBytes: Number(disk.sizeBytes),
        create: true,
        label: instance.label,
        plan: instance.plan,
      };
      const onRemoteId = async (remoteId: string) =>
        void (await db.instance.update({ where: { id: instance.id }, data: { remoteId } }));
      const deploying = provider.restoreBackup(await backupRef(db, backup), target, {
        onProgress: progress,
        signal,
        log,
        onRemoteId,
      });
      const { digest } = await remote(deploying).catch((error: unknown) => {
        if (error instanceof ChunkError || error instanceof DigestMismatchError) {
          throw new PermanentJobError(
            `The backup is damaged and cannot be deployed${backup.teamId === instance.teamId ? `: ${error.message}` : '.'}`,
          );
        }
        throw error;
      });
      await db.instance.update({ where: { id: instance.id }, data: { status: 'running' } });
      await refreshRemote(db, instance.id, log);
      log(`Disk verified against the backup digest ${digest.slice(0, 12)}…; instance running`);
      return { instanceId: instance.id, digest };
    },
    async onEnd({ db, input }) {
      const instance = await db.instance.findUnique({ where: { id: input.instanceId } });
      if (instance?.status === 'provisioning') await destroyInstance(db, instance.id);
    },
  });

  registerJobHandler<{ backupId: string }>('backup.verify', async ({ db, input, progress, log, signal }) => {
    const backup = await db.backup.findUnique({ where: { id: input.backupId } });
    if (!backup || backup.status !== 'successful') return { skipped: true };
    const { provider } = await accountOf(db, backup.instanceId);
    const result = await provider.verifyBackup(backup.id, backup.region, { onProgress: progress, signal });
    await db.backup.update({ where: { id: backup.id }, data: { damaged: !result.ok, verifiedAt: new Date() } });
    log(result.ok ? 'Every chunk checked out' : `Damaged: ${result.problems.join('; ')}`);
    return result;
  });

  registerJobHandler<{ region: string }>('backup.gc', async ({ db, input, log }) => {
    const account = await db.providerAccount.findFirst({ where: { kind: 'local' } });
    if (!account) return { freedBytes: 0 };
    const { freedBytes, retryAfterMs } = await providerFor(account).collectBackupGarbage(input.region);
    log(`Freed ${freedBytes} bytes of unreferenced backup chunks in ${input.region}`);
    if (retryAfterMs)
      await collectAgainLater(
        db,
        log,
        { kind: 'backup.gc', input, lockKey: `backup-gc-later:${input.region}` },
        retryAfterMs,
      );
    return { freedBytes };
  });
}
