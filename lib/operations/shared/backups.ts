import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { PermanentJobError } from '@/lib/jobs';
import { loadDisk, loadInstance } from './rebuild';

// What the backup jobs share: the backup as its provider names it.

type BackupRow = { id: string; region: string; label: string; remoteId: string | null; instanceId: string };

/** The backup with the provider id of the instance it was taken of (a remote restore names both). */
export function refOf(backup: BackupRow, source: { remoteId: string | null } | null) {
  return {
    id: backup.id,
    region: backup.region,
    label: backup.label,
    remoteId: backup.remoteId,
    remoteInstanceId: source?.remoteId ?? null,
  };
}

/** The same, reading the source instance (a restore or deploy may target another one). */
export async function backupRef(db: Db, backup: BackupRow) {
  return refOf(backup, await db.instance.findUnique({ where: { id: backup.instanceId }, select: { remoteId: true } }));
}

/** The backup a restore or deploy reads, still fit for it when the job runs. */
export async function usableBackup(db: Db, backupId: string) {
  const backup = await db.backup.findUnique({ where: { id: backupId } });
  if (!backup || backup.status !== 'successful' || backup.damaged)
    throw new PermanentJobError('The backup is no longer usable.');
  return backup;
}

/** The input of a job that rebuilds an instance's disk from a backup (a restore in place, or a deploy). */
export const backupOntoDiskInput = z.object({ backupId: z.string(), instanceId: z.string(), diskId: z.string() });

/** The backup, still usable, and the instance and disk it goes onto; `diskGone` says why a disk is missing. */
export async function loadBackupOntoDisk(db: Db, input: z.infer<typeof backupOntoDiskInput>, diskGone: string) {
  const backup = await usableBackup(db, input.backupId);
  const { instance, provider } = await loadInstance(db, input.instanceId);
  const disk = await loadDisk(db, input.diskId, diskGone);
  return { backup, instance, provider, disk };
}
