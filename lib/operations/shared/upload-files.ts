import fs from 'node:fs/promises';
import path from 'node:path';
import { findRegion } from '@/lib/config/catalog';
import type { Db } from '@/lib/db/client';
import { checkQcow2, ImageFileError, inspectImageFile, probeRawDisk } from '@/lib/disks/image-file';
import { judgeUploadedFile, type UploadVerdict } from '@/lib/domain/uploads';

// The files of an upload, in the uploads folder of the image's region (beside its disks, which
// every host of a shared setup sees, so whichever worker takes the job finds the file):
//   <random>.part       a body still arriving (no image row yet)
//   <image id>.upload   the body received, waiting for its job
//   <image id>.raw      a qcow2 converted to raw by the job
// The job removes its two when it ends, whichever way; what a process death left behind is
// swept by the next upload into the region.

const STALE_MS = 60 * 60_000;

export function uploadsDir(region: string): string {
  const found = findRegion(region);
  if (!found) throw new Error(`Unknown region "${region}"`);
  return path.join(found.storageDir, 'uploads');
}

export function uploadFiles(region: string, imageId: string) {
  const dir = uploadsDir(region);
  return { upload: path.join(dir, `${imageId}.upload`), raw: path.join(dir, `${imageId}.raw`) };
}

export async function removeUploadFiles(region: string, imageId: string): Promise<void> {
  const files = uploadFiles(region, imageId);
  await Promise.all([fs.rm(files.upload, { force: true }), fs.rm(files.raw, { force: true })]);
}

/**
 * Removes what an upload left when its process died: a body that stopped arriving an hour ago,
 * and files of images no job is making any more (their row gone or no longer being created).
 */
export async function sweepUploads(db: Db, region: string, now = Date.now()): Promise<void> {
  const dir = uploadsDir(region);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (!stat || now - stat.mtimeMs < STALE_MS) continue;
    const imageId = /^(.+)\.(upload|raw)$/.exec(name)?.[1];
    if (imageId) {
      const image = await db.image.findUnique({ where: { id: imageId }, select: { status: true } });
      if (image?.status === 'creating') continue;
    }
    await fs.rm(file, { force: true });
  }
}

/** Reads the uploaded file with qemu-img (and blkid for a raw one) and asks the upload's rule. */
export async function judgeUpload(file: string, fileName: string, largestDiskBytes: number): Promise<UploadVerdict> {
  let info;
  try {
    info = await inspectImageFile(file);
  } catch (error) {
    if (!(error instanceof ImageFileError)) throw error;
    return { ok: false, message: `"${fileName}" is not a disk image that qemu-img can read: ${error.message}.` };
  }
  const qcow2 = info.format === 'qcow2';
  // A file naming a backing file is refused before anything else reads it.
  const standalone = !info.backingFile && !info.dataFile;
  const damage =
    qcow2 && standalone ? (info.markedCorrupt ? 'its header marks it corrupt' : await checkQcow2(file)) : null;
  return judgeUploadedFile({
    fileName,
    format: info.format,
    virtualSizeBytes: info.virtualSizeBytes,
    fileBytes: (await fs.stat(file)).size,
    backingFile: info.backingFile,
    dataFile: info.dataFile,
    damage,
    rawContent: info.format === 'raw' ? await probeRawDisk(file) : null,
    largestDiskBytes,
  });
}
