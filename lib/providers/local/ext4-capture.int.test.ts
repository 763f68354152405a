import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExt4, debugfsWrite, ext4UsedRanges, makeExt4, readExt4Superblock } from '@/lib/disks/ext4';
import { hostDataRanges } from '@/lib/disks/extents';
import { fillFilesystem } from '@/lib/disks/fill';
import { intersect, rangesBytes, type Range } from '@/lib/disks/ranges';
import { measureDiskFile } from '@/lib/disks/measure';
import { readPlanFor } from '@/lib/disks/read-plan';
import { captureDisk, closeChunkPool, restoreDisk } from '@/lib/storage';
import { tempDir } from '@/tests/store-disks';

// A local disk's capture as the provider makes it (disk-copies.ts): a real ext4 filesystem, read
// through its read plan, restored, and checked with e2fsck and byte for byte over its used blocks.

const run = promisify(execFile);
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
let dir: string;

beforeAll(async () => {
  dir = await tempDir('lifeboat-ext4-');
});
afterAll(async () => {
  await closeChunkPool();
  await fs.rm(dir, { recursive: true, force: true });
});

async function readRanges(file: string, ranges: Range[]): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const parts: Buffer[] = [];
    for (const r of ranges) {
      const buf = Buffer.alloc(r.length);
      await handle.read(buf, 0, r.length, r.offset);
      parts.push(buf);
    }
    return Buffer.concat(parts);
  } finally {
    await handle.close();
  }
}

describe('capturing a disk with an ext4 filesystem', () => {
  it('reads only used blocks the host holds, records the rest as zeros, and restores a clean filesystem', async () => {
    const source = path.join(dir, 'source.img');
    await fs.writeFile(source, '');
    await fs.truncate(source, 2 * GiB);
    await makeExt4(source, 'root');
    await fillFilesystem(source, 700 * MiB, 11, 12 * MiB);
    const kept = randomBytes(3 * MiB);
    const deleted = randomBytes(6 * MiB);
    await fs.writeFile(path.join(dir, 'kept.bin'), kept);
    await fs.writeFile(path.join(dir, 'deleted.bin'), deleted);
    await debugfsWrite(source, [`write ${dir}/kept.bin kept.bin`, `write ${dir}/deleted.bin deleted.bin`]);
    await debugfsWrite(source, ['rm deleted.bin']);

    const usage = await measureDiskFile(source);
    const plan = await readPlanFor(source);
    const hostHeld = (await fs.stat(source)).blocks * 512;
    // The deleted file's blocks are still on the host, but free: never read.
    expect(rangesBytes(plan.ranges)).toBeLessThan(hostHeld - 5 * MiB);

    const store = path.join(dir, 'store');
    const progress: [number, number][] = [];
    const manifest = await captureDisk(store, source, 'img_ext4', {
      ranges: plan.ranges,
      dataBytes: plan.usedBytes,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(manifest.dataBytes).toBe(usage.usedBytes);
    expect(Math.abs(manifest.dataBytes - 703 * MiB)).toBeLessThan(MiB);
    // Progress counts the bytes actually read, so speeds are real speeds.
    expect(progress.at(-1)).toEqual([rangesBytes(plan.ranges), rangesBytes(plan.ranges)]);

    const restored = path.join(dir, 'restored.img');
    await restoreDisk(store, 'img_ext4', restored);
    const check = await checkExt4(restored);
    expect(check.output).toContain('Pass 5');
    expect(check.ok).toBe(true);
    expect((await measureDiskFile(restored)).usedBytes).toBe(usage.usedBytes);
    // As sparse as the source: zero blocks inside a chunk are not written either.
    expect((await fs.stat(restored)).blocks * 512).toBeLessThanOrEqual(rangesBytes(plan.ranges));

    // Every used block the source's host holds is byte-identical in the restored disk.
    const sb = (await readExt4Superblock(source))!;
    const used = intersect(await ext4UsedRanges(source, sb), (await hostDataRanges(source)).ranges);
    expect((await readRanges(restored, used)).equals(await readRanges(source, used))).toBe(true);
    // The file reads back whole from the restored filesystem; the deleted one's bytes are gone.
    await run('debugfs', ['-R', `dump kept.bin ${dir}/kept.out`, restored]);
    expect((await fs.readFile(path.join(dir, 'kept.out'))).equals(kept)).toBe(true);
    const held = await readRanges(restored, (await hostDataRanges(restored)).ranges);
    expect(held.indexOf(kept.subarray(0, 4096))).toBeGreaterThanOrEqual(0);
    expect(held.indexOf(deleted.subarray(0, 4096))).toBe(-1);
  });
});
