import fs from 'node:fs/promises';
import { ext4UsedBytes, readExt4Superblock } from './ext4';

// The one figure for a local disk's used space: on ext4, what its filesystem reports (df's used
// bytes); on anything else, what the host holds for the file.

/** How a used figure was measured: by the disk's filesystem, or by what the host allocated for it. */
export type UsedSource = 'filesystem' | 'host';

export type DiskUsage = { sizeBytes: number; usedBytes: number; source: UsedSource };

export async function measureDiskFile(file: string): Promise<DiskUsage> {
  const stat = await fs.stat(file);
  const sb = await readExt4Superblock(file).catch(() => null);
  if (sb) return { sizeBytes: stat.size, usedBytes: ext4UsedBytes(sb), source: 'filesystem' };
  // A file's last block, or blocks the host preallocated, can take more than its length.
  return { sizeBytes: stat.size, usedBytes: Math.min(stat.blocks * 512, stat.size), source: 'host' };
}
