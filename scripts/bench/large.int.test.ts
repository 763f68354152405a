import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeLargeDisk, largeSizes, makeLargeDisk } from './large-disk';
import { planOf, usedDigest } from './large-plan';
import { largeTargets, type LargeRow } from './large-report';

// The large benchmark disk at 1/100 of its size (1.6 GiB sparse, about 60 MiB of files): made
// with the real mkfs.ext4 and debugfs, it must be a clean filesystem holding the mix, the zeros
// must be host-allocated zero bytes, and the change must touch used blocks only as much as it says.

const run = promisify(execFile);
const sizes = largeSizes(0.01);
let dir: string;
let disk: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lifeboat-large-disk-'));
  disk = path.join(dir, 'disk.img');
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('the large benchmark disk', () => {
  it('is a clean ext4 filesystem holding the tarball parts, the random files and the written zeros', async () => {
    const mix = await makeLargeDisk(disk, path.join(dir, 'staged'), sizes);
    await expect(fs.readdir(dir)).resolves.toEqual(['disk.img']); // nothing staged is left
    expect((await fs.stat(disk)).size).toBe(sizes.sizeBytes);
    expect(mix).toEqual({ tarBytes: sizes.tarBytes, randomBytes: 32 * sizes.randomFile, zeroBytes: sizes.zeroBytes });
    await run('e2fsck', ['-fn', disk]); // throws on any problem

    const { stdout } = await run('debugfs', ['-R', 'ls -l /data', disk]);
    expect(stdout).toMatch(/random-31\.bin/);
    const zeros = path.join(dir, 'zeros');
    await run('debugfs', ['-R', `dump /data/zeros.bin ${zeros}`, disk]);
    expect((await fs.readFile(zeros)).equals(Buffer.alloc(sizes.zeroBytes))).toBe(true);
    await fs.rm(zeros);
    // Written zeros hold host blocks (unlike holes): the image holds the files and those zeros.
    const { blocks } = await fs.stat(disk);
    expect(blocks * 512).toBeGreaterThan(mix.tarBytes + mix.randomBytes + mix.zeroBytes);

    const plan = await planOf(disk);
    const { stdout: header } = await run('dumpe2fs', ['-h', disk]);
    const count = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(header)![1]);
    expect(plan.usedBytes).toBe((count('Block count') - count('Free blocks')) * 4096);
  });

  it('changes the files it says, and the filesystem stays clean', async () => {
    const before = await planOf(disk);
    const digest = await usedDigest(disk, before.ranges);
    const changed = await changeLargeDisk(disk, path.join(dir, 'staged'), sizes);
    expect(changed).toBe(6 * sizes.randomFile + sizes.tarPart + 1000);
    await run('e2fsck', ['-fn', disk]);
    const after = await planOf(disk);
    expect(await usedDigest(disk, after.ranges)).not.toBe(digest);
    const { stdout } = await run('debugfs', ['-R', 'cat /usr-backup/usr.tar.05', disk], {
      maxBuffer: 2 * sizes.tarPart,
      encoding: 'buffer',
    });
    expect(stdout.subarray(0, 9).toString()).toBe('# edited\n');
  });
});

describe('the large rows’ targets', () => {
  const row = (operation: string, tool: string, seconds: number): LargeRow => ({
    operation,
    tool,
    timing: { seconds, cpuSeconds: null, maxRssBytes: null },
    bytes: null,
  });

  it('sets every Lifeboat capture against partclone (≤ 1×), restic and borg (≤ 0.5×), and each restore against restic', () => {
    const judged = largeTargets([
      row('capture', 'machine limit', 5),
      row('capture', 'Lifeboat', 10),
      row('capture', 'partclone | zstd -1', 12),
      row('capture', 'restic', 40),
      row('capture', 'borg', 15),
      row('restore (durable, the default)', 'Lifeboat', 9),
      row('restore (page cache, as restic)', 'Lifeboat', 11),
      row('restore', 'restic', 10),
      row('restore', 'borg', 1),
    ]);
    expect(judged.map((j) => [j.target, j.operation, j.ratio.toFixed(2), j.ok])).toEqual([
      ['capture at most 1.00× partclone | zstd -1', 'capture', '0.83', true],
      ['capture at most 0.50× restic', 'capture', '0.25', true],
      ['capture at most 0.50× borg', 'capture', '0.67', false],
      ['restore at most 1.00× restic', 'restore (durable, the default)', '0.90', true],
      ['restore at most 1.00× restic', 'restore (page cache, as restic)', '1.10', false],
    ]);
  });
});
