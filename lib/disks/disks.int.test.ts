import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExt4, makeExt4 } from './ext4';
import { hostDataRanges } from './extents';
import { fillFilesystem } from './fill';
import { rangesBytes } from './ranges';
import { measureDiskFile } from './measure';
import { readPlanFor } from './read-plan';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lifeboat-disks-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function newDisk(name: string, size: number) {
  const file = path.join(dir, name);
  await fs.writeFile(file, '');
  await fs.truncate(file, size);
  return file;
}

describe('local disks with a real ext4 filesystem', () => {
  it('counts what the filesystem uses, not what the host holds, and reads only used data', async () => {
    const file = await newDisk('big.img', 20 * GiB);
    await makeExt4(file, 'root');
    const fresh = await measureDiskFile(file);
    expect(fresh.source).toBe('filesystem');
    expect(fresh.usedBytes).toBeLessThan(MiB);

    await fillFilesystem(file, 6.3 * GiB, 7, 16 * MiB);
    const usage = await measureDiskFile(file);
    expect(usage.sizeBytes).toBe(20 * GiB);
    expect(Math.abs(usage.usedBytes - 6.3 * GiB)).toBeLessThan(MiB);
    const host = (await fs.stat(file)).blocks * 512;
    expect(host).toBeLessThan(64 * MiB);

    const plan = await readPlanFor(file);
    expect(plan.usedBytes).toBe(usage.usedBytes);
    expect(rangesBytes(plan.ranges)).toBeGreaterThanOrEqual(16 * MiB);
    expect(rangesBytes(plan.ranges)).toBeLessThanOrEqual(host);
    expect((await checkExt4(file)).ok).toBe(true);
  });

  it('falls back to the host for a disk without a filesystem, and skips its holes', async () => {
    const file = await newDisk('raw.img', 64 * MiB);
    const handle = await fs.open(file, 'r+');
    await handle.write(Buffer.alloc(8192, 1), 0, 8192, 10 * MiB);
    await handle.close();
    expect(await hostDataRanges(file)).toEqual({ sizeBytes: 64 * MiB, ranges: [{ offset: 10 * MiB, length: 8192 }] });
    const plan = await readPlanFor(file);
    expect(plan).toMatchObject({ source: 'host', usedBytes: 8192, ranges: [{ offset: 10 * MiB, length: 8192 }] });
    expect((await checkExt4(file)).ok).toBe(false);
  });
});
