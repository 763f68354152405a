import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { debugfsWrite, ext4UsedBytes, readExt4Superblock } from './ext4';

// The one writer of made-up disk content: the demo seed, the benchmark and the tests all fill
// disks through this, with one seeded generator, so the same seed gives the same bytes on every
// machine and every kind of content (incompressible, log-like, holes) is made one way.

const MiB = 1024 * 1024;

/** Disks are written in 4 MiB stripes: one chunk of the store each. */
export const STRIPE = 4 * MiB;

/** A source of 32-bit unsigned integers. */
export type Prng = () => number;

/** mulberry32: tiny, fast and good enough for content and choices; every value is a uint32. */
export function prng(seed: number): Prng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** A seed nobody chose, for content that must not repeat from one call to the next. */
export function freshSeed(): number {
  return Math.floor(Math.random() * 0x100000000);
}

/** An integer in [0, n) from the generator. */
export function pick(random: Prng, n: number): number {
  return Math.floor((random() / 0x100000000) * n);
}

/** `length` bytes of the generator's output (little-endian words): incompressible, like binaries. */
export function randomBytes(random: Prng, length = STRIPE): Buffer {
  const words = new Uint32Array(Math.ceil(length / 4));
  for (let i = 0; i < words.length; i++) words[i] = random();
  return Buffer.from(words.buffer, 0, length);
}

/** `length` bytes of one line repeated: very compressible, like logs. */
export function repeated(line: string | Buffer, length = STRIPE): Buffer {
  const buf = Buffer.alloc(length);
  buf.fill(line);
  return buf;
}

/**
 * Writes stripes into a file at their offsets (a null stripe is a hole: never written). With
 * `size` the file is created or cut to that length first (sparse); without, it must exist.
 * A stripe longer than what is left of `size` is cut.
 */
export async function writeStripes(
  file: string,
  stripes: Iterable<Buffer | null>,
  options: { size?: number; sync?: boolean } = {},
): Promise<void> {
  const { size, sync = false } = options;
  const handle = await fs.open(file, size === undefined ? 'r+' : 'w');
  try {
    if (size !== undefined) await handle.truncate(size);
    let offset = 0;
    for (const data of stripes) {
      const length = size === undefined ? (data?.length ?? 0) : Math.min(data?.length ?? 0, size - offset);
      if (data && length > 0) await handle.write(data, 0, length, offset);
      offset += STRIPE;
    }
    if (sync) await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Puts data on a disk's ext4 filesystem so its used space is real, without mounting it: the first
 * megabytes as files of mixed content (random bytes and repetitive text, like binaries and logs),
 * written with debugfs; the rest of the target as one file whose blocks debugfs allocates without
 * writing them (a guest's fallocate), so the filesystem counts them used while the host file stays
 * sparse. A demo disk "holding 6.3 GiB" thus takes a few dozen MiB of the host.
 */
export async function fillFilesystem(
  file: string,
  targetUsedBytes: number,
  seed: number,
  writtenLimit = 48 * MiB,
): Promise<void> {
  const random = prng(seed);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lifeboat-fill-'));
  try {
    const written = Math.max(0, Math.min(targetUsedBytes, writtenLimit));
    const commands = ['mkdir /data'];
    for (let offset = 0, i = 0; offset < written; offset += STRIPE, i += 1) {
      const name = `${i % 2 === 0 ? 'blob' : 'log'}-${i}`;
      await fs.writeFile(path.join(dir, name), demoStripe(random, i).subarray(0, Math.min(STRIPE, written - offset)));
      commands.push(`write ${path.join(dir, name)} /data/${name}`);
    }
    await debugfsWrite(file, commands);
    const sb = await readExt4Superblock(file);
    if (!sb) throw new Error(`${file} has no ext4 filesystem to fill`);
    const blocks = Math.floor((targetUsedBytes - ext4UsedBytes(sb)) / sb.blockSize);
    if (blocks > 0)
      await debugfsWrite(file, [
        'write /dev/null /data/allocated',
        `fallocate /data/allocated 0 ${blocks - 1}`,
        `set_inode_field /data/allocated size ${blocks * sb.blockSize}`,
      ]);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function demoStripe(random: Prng, index: number): Buffer {
  if (index % 2 === 0) return randomBytes(random);
  return repeated(
    `${new Date(0).toISOString()} lifeboat demo log line ${index} status=ok bytes=${pick(random, 1e6)}\n`,
  );
}
