import fs from 'node:fs/promises';
import { readPlanFor } from '@/lib/disks/read-plan';
import { captureDisk, restoreDisk, type OpenedStore } from '@/lib/storage';
import type { CapturedImage, DeployTarget, DiskRef, OperationOptions } from '../types';
import { diskPath } from './paths';

// Images and backups copy a disk into a chunk store and back the same way; only the store differs.
// A capture reads what the disk's read plan says (lib/disks/read-plan.ts: the filesystem's used
// blocks that the host holds) and records the rest as zeros; its "data" is the used space the
// ceiling was checked against, so an image, a backup and the disk's page say the same figure.

export async function captureLocalDisk(
  store: OpenedStore,
  disk: DiskRef,
  manifestId: string,
  options: OperationOptions,
): Promise<CapturedImage> {
  return captureLocalFile(store, diskPath(disk), manifestId, options);
}

/** The same for a disk file of no instance (an upload). */
export async function captureLocalFile(
  store: OpenedStore,
  file: string,
  manifestId: string,
  options: OperationOptions,
): Promise<CapturedImage> {
  const plan = await readPlanFor(file);
  const m = await captureDisk(store, file, manifestId, { ...options, ranges: plan.ranges, dataBytes: plan.usedBytes });
  const { sizeBytes, dataBytes, storedBytes, newBytes, digest } = m;
  return { sizeBytes, dataBytes, storedBytes, newBytes, digest };
}

/**
 * restoreDisk assembles the disk beside the target and renames it into place only once every
 * chunk and the digest checked out; the disk then grows to its own size (a bigger plan keeps
 * the rest as a hole). A crash in between is repaired by the job running again.
 */
export async function restoreLocalDisk(
  store: OpenedStore,
  manifestId: string,
  target: DeployTarget,
  options: OperationOptions,
) {
  const finalPath = diskPath(target);
  const restored = await restoreDisk(store, manifestId, finalPath, options);
  if (restored.sizeBytes < target.sizeBytes) await fs.truncate(finalPath, target.sizeBytes);
  return { digest: restored.digest };
}
