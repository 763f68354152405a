import { collectGarbage, deleteManifest, verifyManifest } from '@/lib/storage';
import type { BackupRef, CapturedImage, DeployTarget, DiskRef, OperationOptions } from '../types';
import { captureLocalDisk, restoreLocalDisk } from './disk-copies';
import { backupStore } from '../stores';

// Local backups: one chunk store per region (the "same data centre, separate hardware" of the
// service we model), so every backup of every instance in a region deduplicates against the rest.

export async function captureLocalBackup(
  disk: DiskRef,
  backup: BackupRef,
  options: OperationOptions = {},
): Promise<CapturedImage> {
  return captureLocalDisk(await backupStore(disk.region), disk, backup.id, options);
}

/** Rebuilds a disk from a backup of the same region; atomic, checked against the backup's digest. */
export async function restoreLocalBackup(backup: BackupRef, target: DeployTarget, options: OperationOptions = {}) {
  return restoreLocalDisk(await backupStore(target.region), backup.id, target, options);
}

export async function verifyLocalBackup(backupId: string, region: string, options: OperationOptions = {}) {
  const result = await verifyManifest(await backupStore(region), backupId, options);
  const problems = result.badChunks.map((b) => `chunk ${b.index} ${b.reason}`);
  if (!result.ok && problems.length === 0) problems.push('the chunks do not add up to the backup digest');
  return { ok: result.ok, problems };
}

export async function deleteLocalBackup(backup: BackupRef) {
  await deleteManifest(await backupStore(backup.region), backup.id);
}

export async function collectLocalBackupGarbage(region: string) {
  const r = await collectGarbage(await backupStore(region));
  return { freedBytes: r.freedBytes, retryAfterMs: r.youngChunks ? r.graceMs : undefined };
}
