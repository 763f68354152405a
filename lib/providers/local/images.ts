import fs from 'node:fs/promises';
import { imageStoreDir } from '@/lib/config/env';
import { captureDisk, collectGarbage, deleteManifest, restoreDisk } from '@/lib/storage';
import type { CapturedImage, DiskRef, OperationOptions } from '../types';
import { diskPath } from './paths';

// Local images live in one chunk store (IMAGE_STORE_DIR), so identical chunks across every
// image of this host are stored once.

export async function captureLocalImage(disk: DiskRef, imageId: string, options: OperationOptions = {}): Promise<CapturedImage> {
  const m = await captureDisk(imageStoreDir(), diskPath(disk), imageId, options);
  return { sizeBytes: m.sizeBytes, dataBytes: m.dataBytes, storedBytes: m.storedBytes, newBytes: m.newBytes, digest: m.digest };
}

/**
 * Restores into a temporary file beside the disk and renames it into place only after the
 * digest checked out, then grows it to the disk's own size (a bigger plan keeps the rest as a hole).
 */
export async function deployLocalImage(imageId: string, target: DiskRef, options: OperationOptions = {}) {
  const finalPath = diskPath(target);
  const { size } = await fs.stat(finalPath);
  const temp = `${finalPath}.restoring`;
  await fs.rm(temp, { force: true });
  try {
    const restored = await restoreDisk(imageStoreDir(), imageId, temp, options);
    if (restored.sizeBytes < size) await fs.truncate(temp, size);
    await fs.rename(temp, finalPath);
    return { digest: restored.digest };
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

export async function deleteLocalImage(imageId: string) {
  await deleteManifest(imageStoreDir(), imageId);
}

export async function collectLocalImageGarbage() {
  const { freedBytes } = await collectGarbage(imageStoreDir());
  return { freedBytes };
}
