import { collectGarbage, deleteManifest } from '@/lib/storage';
import type { CapturedImage, DeployTarget, DiskRef, ImageRef, OperationOptions } from '../types';
import { captureLocalDisk, restoreLocalDisk } from './disk-copies';
import { imageStore } from '../stores';

// Local images live in one chunk store (stores.ts: a folder or an object store), so identical chunks across every
// image of this host are stored once.

export async function captureLocalImage(
  disk: DiskRef,
  image: ImageRef,
  options: OperationOptions = {},
): Promise<CapturedImage> {
  return captureLocalDisk(await imageStore(), disk, image.id, options);
}

/** Rebuilds a disk from an image; atomic, checked against the image's digest (./disk-copies.ts). */
export async function deployLocalImage(image: ImageRef, target: DeployTarget, options: OperationOptions = {}) {
  return restoreLocalDisk(await imageStore(), image.id, target, options);
}

export async function deleteLocalImage(image: ImageRef) {
  await deleteManifest(await imageStore(), image.id);
}

export async function collectLocalImageGarbage() {
  const r = await collectGarbage(await imageStore());
  return { freedBytes: r.freedBytes, retryAfterMs: r.youngChunks ? r.graceMs : undefined };
}
