import { measureDiskFile } from '@/lib/disks/measure';
import type { ImageRef, OperationOptions, Provider } from '../types';
import { imageStore } from '../stores';
import { captureLocalFile } from './disk-copies';

// Images uploaded as files: a raw disk file (an upload's, converted if it was a qcow2) measured
// and captured into the image store as an instance's disk is (./disk-copies.ts): its read plan's
// used blocks only, its "data" the used space the ceiling was checked against.

export const localUploads: NonNullable<Provider['uploads']> = {
  measureFile: measureDiskFile,
  captureFile: async (file: string, image: ImageRef, options: OperationOptions = {}) =>
    captureLocalFile(await imageStore(), file, image.id, options),
};
