import { measureDiskFile } from '@/lib/disks/measure';
import { readPlanFor } from '@/lib/disks/read-plan';
import { captureDisk } from '@/lib/storage';
import type { CapturedImage, ImageRef, OperationOptions, Provider } from '../types';
import { imageStore } from '../stores';

// Images uploaded as files: a raw disk file (an upload's, converted if it was a qcow2) measured
// and captured into the image store as an instance's disk is (./disk-copies.ts): its read plan's
// used blocks only, its "data" the used space the ceiling was checked against.

async function captureLocalFile(file: string, image: ImageRef, options: OperationOptions = {}): Promise<CapturedImage> {
  const plan = await readPlanFor(file);
  const m = await captureDisk(await imageStore(), file, image.id, {
    ...options,
    ranges: plan.ranges,
    dataBytes: plan.usedBytes,
  });
  const { sizeBytes, dataBytes, storedBytes, newBytes, digest } = m;
  return { sizeBytes, dataBytes, storedBytes, newBytes, digest };
}

export const localUploads: NonNullable<Provider['uploads']> = {
  measureFile: measureDiskFile,
  captureFile: captureLocalFile,
};
