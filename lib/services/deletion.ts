import type { Db } from '@/lib/db/client';
import { afterCommit } from '@/lib/db/unit-of-work';
import { jobName } from '@/lib/operations';
import { providerFor } from '@/lib/providers';
import { queueBackupGc } from '@/lib/operations/backup-gc';
import { DomainError, NotFoundError } from '@/lib/domain/errors';

// Deleting an instance for good, as the service we model does: its disks go, and every backup of
// it (the automatic ones and the snapshot) goes with it. Images taken of it stay: they are the
// account's, and keep the source's label (sourceInstanceLabel) with the source shown as deleted.

/** Statuses in which nothing is being done to the instance, so it may be deleted. */
const IDLE = ['running', 'offline'];

/** What deleting takes with it, for the confirmation and the audit entry. */
export async function deletionSummary(db: Db, instanceId: string) {
  const [disks, backups, snapshots, images] = await Promise.all([
    db.disk.count({ where: { instanceId } }),
    db.backup.count({ where: { instanceId, kind: 'automatic' } }),
    db.backup.count({ where: { instanceId, kind: 'snapshot' } }),
    db.image.count({ where: { sourceInstanceId: instanceId } }),
  ]);
  return { disks, backups, snapshots, images };
}

/**
 * Refused in words while a job is queued or running on the instance or it is busy (a capture,
 * backup, restore or deploy in progress): deleting under a running operation would pull its disk
 * away. A remote instance is deleted at the provider first, so a refusal there changes nothing
 * here; a local one loses its rows first, so a crash in between leaves orphan files (never rows
 * pointing at missing disks), then its disk files and backup manifests.
 */
export async function deleteInstance(db: Db, instanceId: string) {
  const instance = await db.instance.findUnique({
    where: { id: instanceId },
    include: { account: true, backups: true },
  });
  if (!instance) throw new NotFoundError('The instance');
  const job = await db.job.findFirst({
    where: { OR: [{ instanceId }, { lockKey: instanceId }], status: { in: ['queued', 'running'] } },
    select: { kind: true, input: true },
  });
  if (job || !IDLE.includes(instance.status)) {
    throw new DomainError(
      `${instance.label} is busy${job ? ` (${jobName(job.kind, job.input)} in progress)` : ` (${instance.status})`}. Wait for it to finish, or cancel the job, then delete it.`,
      'confirm',
      'busy',
    );
  }
  const summary = await deletionSummary(db, instanceId);
  const provider = providerFor(instance.account);
  const backups = instance.backups.map((b) => ({
    id: b.id,
    region: b.region,
    remoteId: b.remoteId,
    remoteInstanceId: instance.remoteId,
  }));
  const remote = provider.traits.remote;
  if (remote) await provider.deleteInstance(instance, backups);
  // Disks and backups go with the row (onDelete: Cascade); images keep only the source's label,
  // and with no source id left they show it as deleted.
  await db.$transaction([
    db.image.updateMany({
      where: { sourceInstanceId: instanceId },
      data: { sourceInstanceId: null, sourceDiskId: null },
    }),
    db.instance.delete({ where: { id: instanceId } }),
  ]);
  if (!remote) {
    // The files only once the rows' removal is committed (inside an action, with its audit entry).
    await afterCommit(async () => {
      await provider.deleteInstance(instance, backups);
      if (backups.length) await queueBackupGc(db, instance.region);
    });
  }
  return { instance, ...summary };
}
