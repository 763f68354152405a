import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Range } from './ranges';

// Where a host file holds data: lseek(2) with SEEK_DATA and SEEK_HOLE, which Node lacks, through
// the fs-ext addon. Everything outside these ranges reads as zeros and is never read by a capture
// (a 160 GiB sparse disk with 6 GiB written is 6 GiB of reading, not 160). A filesystem without
// SEEK_DATA answers as if the whole file were data, which is merely slower.

const SEEK_DATA = 3;
const SEEK_HOLE = 4;

// Loaded on first use, so pages that never capture do not load a native addon.
let seekSync: ((fd: number, offset: number, whence: number) => number) | undefined;
function seek(fd: number, offset: number, whence: number): number {
  seekSync ??= (createRequire(import.meta.url)('fs-ext') as typeof import('fs-ext')).seekSync;
  return seekSync(fd, offset, whence);
}

/** The ranges of `file` that hold data, in order (holes and the tail after the last data excluded). */
export async function hostDataRanges(file: string): Promise<{ sizeBytes: number; ranges: Range[] }> {
  const handle = await fs.open(file, 'r');
  try {
    const sizeBytes = (await handle.stat()).size;
    const ranges: Range[] = [];
    let at = 0;
    while (at < sizeBytes) {
      const start = seekOrEnd(handle.fd, at, SEEK_DATA, sizeBytes);
      if (start >= sizeBytes) break;
      const end = seekOrEnd(handle.fd, start, SEEK_HOLE, sizeBytes);
      ranges.push({ offset: start, length: Math.min(end, sizeBytes) - start });
      at = end;
    }
    return { sizeBytes, ranges };
  } finally {
    await handle.close();
  }
}

// ENXIO: no data after the offset. EINVAL: the filesystem has no SEEK_DATA: all of it is data.
function seekOrEnd(fd: number, offset: number, whence: number, size: number): number {
  try {
    return seek(fd, offset, whence);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENXIO') return size;
    if (code === 'EINVAL') return whence === SEEK_DATA ? offset : size;
    throw error;
  }
}
