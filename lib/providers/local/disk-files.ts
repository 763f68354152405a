import fs from 'node:fs/promises';
import path from 'node:path';

// Disks of the local provider are sparse files; a primary disk carries an ext4 filesystem
// (lib/disks/ext4.ts), whose own figures are its used space.

export async function createSparseFile(file: string, sizeBytes: number): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.open(file, 'wx');
  try {
    await handle.truncate(sizeBytes);
  } finally {
    await handle.close();
  }
}

/** The same, leaving a file that is already there as it is (a rebuild finding its disks again);
 *  false when it was there. */
export async function createSparseFileIfMissing(file: string, sizeBytes: number): Promise<boolean> {
  try {
    await createSparseFile(file, sizeBytes);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  }
}
