import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { promisify } from 'node:util';

// What the large rows compare restores on: every used block of the filesystem, from dumpe2fs
// (the read plan of lib/disks leaves out the used blocks in host holes: a restore must get those
// right too).

const run = promisify(execFile);

export type Range = { offset: number; length: number };
export type Plan = { ranges: Range[]; usedBytes: number };

export async function planOf(file: string): Promise<Plan> {
  const { stdout } = await run('dumpe2fs', [file], { maxBuffer: 256 * 2 ** 20 });
  const blockSize = Number(/^Block size:\s+(\d+)/m.exec(stdout)![1]);
  const blocks = Number(/^Block count:\s+(\d+)/m.exec(stdout)![1]);
  const free: Range[] = [];
  for (const m of stdout.matchAll(/^\s+Free blocks: (.+)$/gm))
    for (const part of m[1].split(',')) {
      const [a, b = a] = part.trim().split('-').map(Number);
      free.push({ offset: a, length: b - a + 1 });
    }
  free.sort((x, y) => x.offset - y.offset);
  const ranges: Range[] = [];
  let at = 0;
  for (const f of [...free, { offset: blocks, length: 0 }]) {
    if (f.offset > at) ranges.push({ offset: at * blockSize, length: (f.offset - at) * blockSize });
    at = Math.max(at, f.offset + f.length);
  }
  return { ranges, usedBytes: ranges.reduce((sum, r) => sum + r.length, 0) };
}

/** Reads `ranges` of `file` in order, 4 MiB at a time, handing each piece to `consume` (awaited). */
export async function readRanges(
  file: string,
  ranges: readonly Range[],
  consume: (piece: Buffer) => Promise<void> | void,
): Promise<void> {
  const handle = await fs.open(file, 'r');
  const buf = Buffer.alloc(4 * 2 ** 20);
  try {
    for (const { offset, length } of ranges)
      for (let done = 0; done < length;) {
        const want = Math.min(buf.length, length - done);
        const { bytesRead } = await handle.read(buf, 0, want, offset + done);
        if (bytesRead !== want) throw new Error(`${file}: short read at ${offset + done}`);
        await consume(buf.subarray(0, want));
        done += want;
      }
  } finally {
    await handle.close();
  }
}

/** SHA-256 of the bytes of `ranges`: how a restore is compared with its source, used blocks only
 *  (Lifeboat and partclone write zeros where the filesystem is free; restic and borg copy it all). */
export async function usedDigest(file: string, ranges: readonly Range[]): Promise<string> {
  const hash = createHash('sha256');
  await readRanges(file, ranges, (piece) => void hash.update(piece));
  return hash.digest('hex');
}
