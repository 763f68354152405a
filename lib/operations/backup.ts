import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { JOB_NAMES } from '@/lib/domain/progress';
import { backupRecord } from '@/lib/domain/store-record';
import { formatGiBText } from '@/lib/domain/usage';
import { PermanentJobError } from '@/lib/jobs';
import { diskRef } from '@/lib/providers/refs';
import { refreshBackupFacts } from '@/lib/services/backup-facts';
import { instanceWithPrimary } from '@/lib/services/backups';
import { DomainError } from '@/lib/domain/errors';
import type { Actor } from '@/lib/services/images';
import { queueBackupGc } from './backup-gc';
import { defineOperation, unlessBusy } from './define';
import { refOf } from './shared/backups';
import { loadDisk, loadInstance } from './shared/rebuild';
import { remote } from './shared/remote';
import { rotateAfterBackup } from './shared/rotate';

// Taking a backup of an instance's primary disk: the manual snapshot and the scheduler's
// automatic backups are the same job. It may run again after a worker dies: the capture starts
// over (stored chunks are reused).

export const backup = defineOperation({
  kind: 'backup.capture',
  // backupKind names the job (a snapshot or an automatic backup) wherever it is shown; a job
  // made before the input said so has none.
  input: z.object({ backupId: z.string(), backupKind: z.enum(['snapshot', 'automatic']).optional() }),
  label: (input) =>
    input?.backupKind === 'snapshot'
      ? JOB_NAMES.snapshot
      : input?.backupKind === 'automatic'
        ? JOB_NAMES.automaticBackup
        : 'Back up', // the name both kinds share
  async run({ db, input, progress, log, signal }) {
    const backup = await db.backup.findUnique({ where: { id: input.backupId } });
    if (!backup) throw new PermanentJobError('The backup was deleted before it was taken.');
    const { instance, provider } = await loadInstance(db, backup.instanceId);
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
    // The row and the instance's health change together: no reader sees one without the other.
    await db.$transaction(async (tx) => {
      await tx.backup.update({
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
      await refreshBackupFacts(tx, backup.instanceId);
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
    await db.$transaction(async (tx) => {
      await tx.backup.update({ where: { id: backup.id }, data: { status: 'failed', failureReason: outcome.reason } });
      await refreshBackupFacts(tx, backup.instanceId);
    });
    const { provider } = await loadInstance(db, backup.instanceId).catch(() => ({ provider: null }));
    await provider?.deleteBackup(backup);
  },
});

type NewBackup = { kind: 'snapshot' | 'automatic'; label?: string; windowStart?: Date };

/** Creates the backup row and its job together; the row stays pending until a worker runs it. */
export async function startBackup(db: Db, actor: Actor | null, instanceId: string, spec: NewBackup) {
  const { instance, primary } = await instanceWithPrimary(db, instanceId);
  if (!instance.backupsEnabled)
    throw new DomainError('Enable the backup service for this instance first.', undefined, 'disabled');
  return unlessBusy(instance.label, undefined, () =>
    db.$transaction(async (tx) => {
      const row = await tx.backup.create({
        data: {
          instanceId: instance.id,
          teamId: instance.teamId,
          region: instance.region,
          kind: spec.kind,
          label: spec.label ?? '',
          diskId: primary.id,
          sizeBytes: primary.sizeBytes,
          windowStart: spec.windowStart,
          createdById: actor?.id,
          createdByName: actor?.name ?? 'Scheduler',
        },
      });
      const job = await backup.enqueue(tx, {
        input: { backupId: row.id, backupKind: spec.kind },
        instanceId: instance.id,
        teamId: instance.teamId,
        createdById: actor?.id,
        lockKey: instance.id,
      });
      await tx.backup.update({ where: { id: row.id }, data: { jobId: job.id } });
      return { backupId: row.id, jobId: job.id };
    }),
  );
}

export function startSnapshot(db: Db, actor: Actor, instanceId: string, label: string) {
  return startBackup(db, actor, instanceId, { kind: 'snapshot', label });
}
