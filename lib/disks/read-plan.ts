import { ext4UsedRanges, readExt4Superblock } from './ext4';
import { hostDataRanges } from './extents';
import { measureDiskFile, type DiskUsage } from './measure';
import { alignOut, intersect, type Range } from './ranges';

// What a capture of a local disk reads: on ext4, the used blocks that the host holds (a used block
// in a hole reads as zeros anyway); on anything else, what the host holds. With it, the disk's one
// used figure (./measure.ts), which the capture records as its data.

/** Direct I/O reads whole 4 KiB blocks. */
const READ_UNIT = 4096;

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
