import { randomFillSync } from 'node:crypto';
import fs from 'node:fs/promises';
import { digestFile } from '@/lib/storage';

// Test disks with known content: stripes of random bytes, text and holes, so capture has
// compressible, incompressible and empty chunks, and a partial last chunk when sizes are odd.
const STRIPE = 4 * 1024 * 1024;

// 'noise' is random like 'random' but not repeatable: fast for large disks where content does not matter.
export async function writeTestDisk(file: string, seed: number, stripes: ('random' | 'noise' | 'text' | 'hole')[]) {
  const handle = await fs.open(file, 'r+');
  try {
    let state = seed >>> 0;
    for (const [i, kind] of stripes.entries()) {
      if (kind === 'hole') continue;
      const buf = Buffer.alloc(STRIPE);
      if (kind === 'noise') {
        randomFillSync(buf);
      } else if (kind === 'random') {
        for (let j = 0; j < STRIPE; j += 4) {
          state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
          buf.writeUInt32LE(state, j);
        }
      } else {
        buf.fill(`seed ${seed} stripe ${i}: the quick brown fox jumps over the lazy dog\n`);
      }
      await handle.write(buf, 0, STRIPE, i * STRIPE);
    }
  } finally {
    await handle.close();
  }
}

/** The store's disk digest (lib/storage/digest.ts: a chunk-list digest, not plain SHA-256) of the
 *  first `length` bytes of a file (all of it by default): what an image's `digest` is compared with. */
export async function digestOf(file: string, length?: number): Promise<string> {
  return digestFile(file, { length });
}
