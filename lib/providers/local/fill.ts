import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { promisify } from 'node:util';

// Puts data on a demo disk so its used space is real: the first megabytes are written with
// mixed content (random bytes and repetitive text, like binaries and logs), the rest of the
// target is allocated with fallocate(1) (reads back as zeros, counts in `du`). Writing every
// byte of a 6 GiB disk would make first start slow for no gain.

const run = promisify(execFile);
const MiB = 1024 * 1024;
const STRIPE = 4 * MiB;

/** A small deterministic PRNG so the demo disks are the same on every machine. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function stripe(random: () => number, index: number): Buffer {
  const buf = Buffer.alloc(STRIPE);
  if (index % 2 === 0) {
    for (let i = 0; i < STRIPE; i += 4) buf.writeUInt32LE(Math.floor(random() * 0x100000000), i);
  } else {
    const line = Buffer.from(
      `${new Date(0).toISOString()} lifeboat demo log line ${index} status=ok bytes=${Math.floor(random() * 1e6)}\n`,
    );
    for (let i = 0; i < STRIPE; i += line.length) line.copy(buf, i);
  }
  return buf;
}

export async function fillDisk(
  file: string,
  targetBytes: number,
  seed: number,
  writtenLimit = 48 * MiB,
): Promise<void> {
  const random = mulberry32(seed);
  const written = Math.min(targetBytes, writtenLimit) - (Math.min(targetBytes, writtenLimit) % 4096);
  const handle = await fs.open(file, 'r+');
  try {
    for (let offset = 0, i = 0; offset < written; offset += STRIPE, i += 1) {
      const buf = stripe(random, i);
      await handle.write(buf, 0, Math.min(STRIPE, written - offset), offset);
    }
    if (targetBytes > written) await allocate(handle, file, written, targetBytes - written);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function allocate(handle: fs.FileHandle, file: string, offset: number, length: number) {
  try {
    await run('fallocate', ['-o', String(offset), '-l', String(length), file]);
  } catch {
    // No fallocate (or a filesystem without it): write zeros, which allocates just the same.
    const zeros = Buffer.alloc(STRIPE);
    for (let done = 0; done < length; done += STRIPE)
      await handle.write(zeros, 0, Math.min(STRIPE, length - done), offset + done);
  }
}
