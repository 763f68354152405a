import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  captureDisk,
  CHUNK_SIZE,
  closeChunkPool,
  digestFile,
  listManifestIds,
  manifestExists,
  openStore,
  readManifest,
  restoreDisk,
  verifyManifest,
} from './index';
import { chunkFiles, listFiles, makeDisk, referenceDiskDigest, tempDir, type Stripe } from '@/tests/store-disks';

// Real files in a temporary directory, no database: the chunk store on its own.

const MiB = 1024 * 1024;
// 64 MiB and a bit: random, text and hole stripes, a stripe repeated, and a partial last chunk.
const STRIPES: Stripe[] = [
  'random',
  'text',
  'hole',
  'random',
  'hole',
  'hole',
  'text',
  { copyOf: 0 },
  'random',
  'hole',
  'text',
  'random',
  'hole',
  'random',
  'text',
  'hole',
];
const TAIL = 1.5 * MiB;

let dir: string;
let disk: string;
let root: string;

beforeAll(async () => {
  dir = await tempDir();
  disk = path.join(dir, 'disk.img');
  root = path.join(dir, 'store');
  await makeDisk(disk, STRIPES, TAIL);
});

afterAll(async () => {
  await closeChunkPool();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('capture and restore', () => {
  it('captures a disk: holes as null, distinct chunks stored once, digest of the whole disk', async () => {
    const progress: [number, number][] = [];
    const manifest = await captureDisk(root, disk, 'first', {
      onProgress: (done, total) => progress.push([done, total]),
    });
    const size = STRIPES.length * CHUNK_SIZE + TAIL;
    expect(manifest.sizeBytes).toBe(size);
    expect(manifest.chunkSize).toBe(CHUNK_SIZE);
    expect(manifest.chunks).toHaveLength(17);
    STRIPES.forEach((kind, i) => expect(manifest.chunks[i] === null).toBe(kind === 'hole'));
    expect(manifest.chunks[7]).toBe(manifest.chunks[0]);
    expect(manifest.dataBytes).toBe(10 * CHUNK_SIZE + TAIL);
    expect(manifest.digest).toBe(await digestFile(disk));
    expect(manifest.digest).toBe(referenceDiskDigest(await fs.readFile(disk)));
    // Distinct chunks: 9 data stripes (one is a copy) + the tail. Stored = new on a fresh store.
    expect(await chunkFiles(root)).toHaveLength(10);
    expect(manifest.newBytes).toBe(manifest.storedBytes);
    // Random chunks do not shrink, text chunks shrink to almost nothing.
    expect(manifest.storedBytes).toBeGreaterThan(5 * CHUNK_SIZE + TAIL);
    expect(manifest.storedBytes).toBeLessThan(6 * CHUNK_SIZE);
    // Progress: once per chunk at least, never backwards, ending at the total.
    expect(progress.length).toBeGreaterThanOrEqual(17);
    expect(progress.every(([, total]) => total === size)).toBe(true);
    expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual([size, size]);
    expect(await readManifest(root, 'first')).toEqual(manifest);
    expect(await manifestExists(root, 'first')).toBe(true);
  });

  it('restores a byte-identical sparse disk', async () => {
    const target = path.join(dir, 'restored', 'disk.img');
    const result = await restoreDisk(root, 'first', target);
    const manifest = await readManifest(root, 'first');
    expect(result).toEqual({ digest: manifest.digest, sizeBytes: manifest.sizeBytes });
    expect((await fs.readFile(target)).equals(await fs.readFile(disk))).toBe(true);
    expect(await digestFile(target)).toBe(manifest.digest);
    // Holes stay holes: allocated space is the data, not the 6 hole chunks (24 MiB) on top.
    const stat = await fs.stat(target);
    expect(stat.size).toBe(manifest.sizeBytes);
    expect(stat.blocks * 512).toBeLessThanOrEqual(manifest.dataBytes + MiB);
    expect(await listFiles(path.dirname(target))).toEqual(['disk.img']);
  });

  it('restores through the page cache when durability is not asked for', async () => {
    const target = path.join(dir, 'fast', 'disk.img');
    await restoreDisk(root, 'first', target, { durable: false });
    expect((await fs.readFile(target)).equals(await fs.readFile(disk))).toBe(true);
    expect((await fs.stat(target)).blocks * 512).toBeLessThanOrEqual(
      (await readManifest(root, 'first')).dataBytes + MiB,
    );
  });

  it('restores over an existing file, replacing it whole', async () => {
    const target = path.join(dir, 'existing.img');
    await fs.writeFile(target, 'old disk');
    await restoreDisk(root, 'first', target);
    expect(await digestFile(target)).toBe((await readManifest(root, 'first')).digest);
  });

  it('deduplicates: capturing the same disk again writes no chunk', async () => {
    const before = await chunkFiles(root);
    const mtimes = await Promise.all(before.map(async (f) => (await fs.stat(path.join(root, 'chunks', f))).mtimeMs));
    const again = await captureDisk(root, disk, 'second');
    expect(again.newBytes).toBe(0);
    expect(again.storedBytes).toBe((await readManifest(root, 'first')).storedBytes);
    expect(again.chunks).toEqual((await readManifest(root, 'first')).chunks);
    expect(await chunkFiles(root)).toEqual(before);
    const after = await Promise.all(before.map(async (f) => (await fs.stat(path.join(root, 'chunks', f))).mtimeMs));
    expect(after).toEqual(mtimes);
    expect(await listManifestIds(root)).toEqual(['first', 'second']);
  });

  it('verifies a sound manifest', async () => {
    expect(await verifyManifest(root, 'second')).toEqual({ ok: true, badChunks: [], digestMatches: true });
  });

  it('handles an empty disk and a disk smaller than one chunk', async () => {
    const store = await openStore(root);
    for (const [name, size] of [
      ['empty', 0],
      ['tiny', 1000],
    ] as const) {
      const file = path.join(dir, `${name}.img`);
      await fs.writeFile(file, Buffer.alloc(size, 7));
      const manifest = await store.capture(file, name);
      expect(manifest.chunks).toHaveLength(size ? 1 : 0);
      const target = path.join(dir, `${name}.restored`);
      await store.restore(name, target);
      expect((await fs.readFile(target)).equals(await fs.readFile(file))).toBe(true);
    }
  });

  it('digests a file by content: any changed byte changes it, length digests a prefix', async () => {
    const bytes = await fs.readFile(disk);
    const copy = path.join(dir, 'copy.img');
    await fs.writeFile(copy, bytes);
    const digest = await digestFile(copy);
    expect(digest).toBe(referenceDiskDigest(bytes));
    // A byte flipped in a data chunk, in a hole, in the partial tail: each gives another digest.
    const seen = new Set([digest]);
    for (const at of [5, 2 * CHUNK_SIZE + 77, bytes.length - 1]) {
      const handle = await fs.open(copy, 'r+');
      await handle.write(Buffer.from([bytes[at] ^ 1]), 0, 1, at);
      const changed = await digestFile(copy);
      await handle.write(bytes, at, 1, at);
      await handle.close();
      expect(seen.has(changed)).toBe(false);
      seen.add(changed);
    }
    expect(await digestFile(copy)).toBe(digest);
    // The size is part of the digest: appended zeros (a grown disk) change it, length undoes that.
    await fs.truncate(copy, bytes.length + 3 * MiB);
    expect(await digestFile(copy)).not.toBe(digest);
    expect(await digestFile(copy, { length: bytes.length })).toBe(digest);
    expect(await digestFile(copy, { length: 3 * CHUNK_SIZE + 5 })).toBe(
      referenceDiskDigest(bytes.subarray(0, 3 * CHUNK_SIZE + 5)),
    );
    await expect(digestFile(copy, { length: bytes.length + 4 * MiB })).rejects.toThrow(/fewer than/);
  });

  it('refuses an id that exists or is unsafe', async () => {
    await expect(captureDisk(root, disk, 'first')).rejects.toThrow(/already exists/);
    await expect(captureDisk(root, disk, '../escape')).rejects.toThrow(/invalid manifest id/);
    await expect(restoreDisk(root, 'nope', path.join(dir, 'x.img'))).rejects.toThrow(/manifest nope not found/);
  });
});
