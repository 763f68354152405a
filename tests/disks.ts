import fs from 'node:fs/promises';
import { digestFile } from '@/lib/storage';
import { freshSeed, prng, randomBytes, repeated, writeStripes } from '@/lib/disks/fill';

// Test disks with known content: stripes of random bytes, text and holes, so capture has
// compressible, incompressible and empty chunks, and a partial last chunk when sizes are odd.
// 'random' stripes follow one stream per seed (the same seed writes the same disk); 'noise' is
// random too but from a fresh seed each time, for large disks where content must not repeat.
// The disk is blanked first (its filesystem, if it had one, goes): these are raw disks, measured
// by what the host holds; lib/providers/local/ext4-capture.int.test.ts covers filesystems.
export async function writeTestDisk(file: string, seed: number, stripes: ('random' | 'noise' | 'text' | 'hole')[]) {
  const random = prng(seed);
  const { size } = await fs.stat(file);
  await writeStripes(
    file,
    stripes.map((kind, i) =>
      kind === 'hole'
        ? null
        : kind === 'noise'
          ? randomBytes(prng(freshSeed()))
          : kind === 'random'
            ? randomBytes(random)
            : repeated(`seed ${seed} stripe ${i}: the quick brown fox jumps over the lazy dog\n`),
    ),
    { size },
  );
}

/** The store's disk digest (lib/storage/digest.ts: a chunk-list digest, not plain SHA-256) of the
 *  first `length` bytes of a file (all of it by default): what an image's `digest` is compared with. */
export async function digestOf(file: string, length?: number): Promise<string> {
  return digestFile(file, { length });
}
