import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freshSeed, prng, randomBytes, repeated, writeStripes } from '@/lib/disks/fill';
import { CHUNK_SIZE } from '@/lib/storage/chunking';

// The chunk store's tests' helpers: sparse disks built from 4 MiB stripes of known kinds, and
// temporary directories cleaned up by the caller.

export type Stripe = 'random' | 'text' | 'hole' | { copyOf: number };

export async function tempDir(prefix = 'lifeboat-storage-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

export function textStripe(seed: number, length = CHUNK_SIZE): Buffer {
  const line = Buffer.from(`2025-01-01T00:00:00Z host-${seed} lifeboat: backup ok bytes=${seed * 7919}\n`);
  return repeated(line, length);
}

/** Writes a sparse disk: holes are never written; `tail` bytes of a last partial stripe (random).
 *  Random stripes come from a fresh seed, so no two disks share them. */
export async function makeDisk(file: string, stripes: Stripe[], tail = 0): Promise<Buffer[]> {
  const random = prng(freshSeed());
  const contents: Buffer[] = [];
  for (const [i, kind] of stripes.entries()) {
    const data =
      kind === 'random'
        ? randomBytes(random, CHUNK_SIZE)
        : kind === 'text'
          ? textStripe(i)
          : kind === 'hole'
            ? null
            : contents[kind.copyOf];
    contents.push(data ?? Buffer.alloc(0));
  }
  const written = stripes.map((_, i) => (contents[i].length ? contents[i] : null));
  if (tail) written.push(randomBytes(random, tail));
  await writeStripes(file, written, { size: stripes.length * CHUNK_SIZE + tail });
  return contents;
}

/** Every file under a directory (recursively), relative paths. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

export async function chunkFiles(root: string): Promise<string[]> {
  return (await listFiles(path.join(root, 'chunks'))).filter((f) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(f));
}

/** The disk digest of digest.ts written out independently from its definition, straight from the
 *  bytes (zero chunks hashed like any other): what the store's digests are checked against. */
export function referenceDiskDigest(bytes: Buffer, chunkSize = CHUNK_SIZE): string {
  const header = Buffer.alloc(12);
  header.writeBigUInt64BE(BigInt(bytes.length), 0);
  header.writeUInt32BE(chunkSize, 8);
  const hash = createHash('sha256').update('lifeboat-disk-v1\0').update(header);
  for (let at = 0; at < bytes.length; at += chunkSize)
    hash.update(
      createHash('sha256')
        .update(bytes.subarray(at, at + chunkSize))
        .digest(),
    );
  return hash.digest('hex');
}
