import fs from 'node:fs/promises';
import { captureDisk, collectGarbage, deleteManifest, restoreDisk } from '@/lib/storage';
import type { CapturedImage, DeployTarget, DiskRef, ImageRef, OperationOptions } from '../types';
import { diskPath } from './paths';
import { imageStore } from '../stores';

// Local images live in one chunk store (stores.ts: a folder or an object store), so identical chunks across every
// image of this host are stored once.

export async function captureLocalImage(
  disk: DiskRef,
  image: ImageRef,
  options: OperationOptions = {},
): Promise<CapturedImage> {
  const m = await captureDisk(await imageStore(), diskPath(disk), image.id, options);
  return {
    sizeBytes: m.sizeBytes,
    dataBytes: m.dataBytes,
    storedBytes: m.storedBytes,
    newBytes: m.newBytes,
    digest: m.digest,
  };
}

/**
 * restoreDisk assembles the disk beside the target and renames it into place only once every
 * chunk and the digest checked out; the disk then grows to its own size (a bigger plan keeps
 * the rest as a hole). A crash in between is repaired by the job running again.
 */
export async function deployLocalImage(image: ImageRef, target: DeployTarget, options: OperationOptions = {}) {
  const finalPath = diskPath(target);
  const restored = await restoreDisk(await imageStore(), image.id, finalPath, options);
  if (restored.sizeBytes < target.sizeBytes) await fs.truncate(finalPath, target.sizeBytes);
  return { digest: restored.digest };
}

export async function deleteLocalImage(image: ImageRef) {
  await deleteManifest(await imageStore(), image.id);
}

export async function collectLocalImageGarbage() {
  const r = await collectGarbage(await imageStore());
  return { freedBytes: r.freedBytes, retryAfterMs: r.youngChunks ? r.graceMs : undefined };
}
