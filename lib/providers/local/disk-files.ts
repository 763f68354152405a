import fs from 'node:fs/promises';
import path from 'node:path';

// Disks of the local provider are plain sparse files: their size is the file's length, their
// used space is what the filesystem has allocated for them (st_blocks, what `du` shows).

export async function createSparseFile(file: string, sizeBytes: number): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.open(file, 'wx');
  try {
    await handle.truncate(sizeBytes);
  } finally {
    await handle.close();
  }
}

/** The same, leaving a file that is already there as it is (a rebuild finding its disks again). */
export async function createSparseFileIfMissing(file: string, sizeBytes: number): Promise<void> {
  try {
    await createSparseFile(file, sizeBytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** Allocated bytes of a file: st_blocks is in 512-byte units whatever the filesystem's block size. */
export async function allocatedBytes(file: string): Promise<{ sizeBytes: number; usedBytes: number }> {
  const stat = await fs.stat(file, { bigint: true });
  return { sizeBytes: Number(stat.size), usedBytes: Number(stat.blocks * 512n) };
}
