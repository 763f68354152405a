import fs from 'node:fs/promises';
import { ext4UsedBytes, ext4UsedRanges, readExt4Superblock } from './ext4';
import { hostDataRanges } from './extents';
import { alignOut, intersect, type Range } from './ranges';

// What a capture of a local disk reads, and the one figure for its used space. On ext4: the used
// blocks that the host holds (a used block in a hole reads as zeros anyway), and df's used bytes.
// On anything else: what the host holds, and its allocated bytes.

/** How a used figure was measured: by the disk's filesystem, or by what the host allocated for it. */
export type UsedSource = 'filesystem' | 'host';

export type DiskUsage = { sizeBytes: number; usedBytes: number; source: UsedSource };

/** Direct I/O reads whole 4 KiB blocks. */
const READ_UNIT = 4096;

export async function measureDiskFile(file: string): Promise<DiskUsage> {
  const stat = await fs.stat(file);
  const sb = await readExt4Superblock(file).catch(() => null);
  if (sb) return { sizeBytes: stat.size, usedBytes: ext4UsedBytes(sb), source: 'filesystem' };
  // A file's last block, or blocks the host preallocated, can take more than its length.
  return { sizeBytes: stat.size, usedBytes: Math.min(stat.blocks * 512, stat.size), source: 'host' };
}

export async function readPlanFor(file: string): Promise<DiskUsage & { ranges: Range[] }> {
  const host = await hostDataRanges(file);
  const usage = await measureDiskFile(file);
  let ranges = host.ranges;
  if (usage.source === 'filesystem') {
    const sb = (await readExt4Superblock(file))!;
    const used = await ext4UsedRanges(file, sb).catch(() => null);
    if (used) ranges = intersect(used, host.ranges);
  }
  return { ...usage, ranges: alignOut(ranges, READ_UNIT, host.sizeBytes) };
}
