import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  captureDisk,
  ChunkError,
  closeChunkPool,
  DigestMismatchError,
  readManifest,
  restoreDisk,
  verifyManifest,
  type Manifest,
} from './index';
import { chunkPath, manifestPath } from './layout';
import { listFiles, makeDisk, tempDir } from '@/tests/store-disks';

// Damage in the store must never reach a restored disk: verify names it, restore refuses it and
// leaves no half-written target behind.

let dir: string;
let root: string;
let manifest: Manifest;

beforeAll(async () => {
  dir = await tempDir();
  root = path.join(dir, 'store');
  const disk = path.join(dir, 'disk.img');
  await makeDisk(disk, ['random', 'text', 'hole', 'random', { copyOf: 0 }, 'text'], 4096);
  manifest = await captureDisk(root, disk, 'm');
});

afterAll(async () => {
  await closeChunkPool();
  await fs.rm(dir, { recursive: true, force: true });
});

async function flipByte(file: string, at: number) {
  const handle = await fs.open(file, 'r+');
  const byte = Buffer.alloc(1);
  await handle.read(byte, 0, 1, at);
  byte[0] ^= 0x01;
  await handle.write(byte, 0, 1, at);
  await handle.close();
}

async function expectNoTarget(target: string) {
  await expect(fs.stat(target)).rejects.toThrow(/ENOENT/);
  expect(await listFiles(path.dirname(target))).toEqual([]);
}

describe('damaged chunks', () => {
  it('catches one flipped byte in a random (raw-stored) chunk, at every place it is used', async () => {
    const hash = manifest.chunks[0]!;
    const file = chunkPath(root, hash);
    const { size } = await fs.stat(file);
    await flipByte(file, Math.floor(size / 2));
    const result = await verifyManifest(root, 'm');
    expect(result.ok).toBe(false);
    expect(result.digestMatches).toBeNull();
    expect(result.badChunks).toEqual([
      { index: 0, hash, reason: expect.stringMatching(/is corrupt/) },
      { index: 4, hash, reason: expect.stringMatching(/is corrupt/) },
    ]);
    const target = path.join(dir, 'out-a', 'disk.img');
    await fs.mkdir(path.dirname(target));
    const error = await restoreDisk(root, 'm', target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChunkError);
    expect((error as Error).message).toMatch(new RegExp(`chunk [04] \\(${hash}\\) is corrupt`));
    await expectNoTarget(target);
    await flipByte(file, Math.floor(size / 2));
    expect((await verifyManifest(root, 'm')).ok).toBe(true);
  });

  it('catches one flipped byte in a compressed (text) chunk', async () => {
    const hash = manifest.chunks[1]!;
    const file = chunkPath(root, hash);
    const { size } = await fs.stat(file);
    await flipByte(file, size - 20);
    const result = await verifyManifest(root, 'm');
    expect(result.badChunks.map((b) => [b.index, b.hash])).toEqual([[1, hash]]);
    const target = path.join(dir, 'out-b', 'disk.img');
    await fs.mkdir(path.dirname(target));
    await expect(restoreDisk(root, 'm', target)).rejects.toThrow(`chunk 1 (${hash})`);
    await expectNoTarget(target);
    await flipByte(file, size - 20);
  });

  it('reports a missing chunk and leaves an existing target untouched', async () => {
    const hash = manifest.chunks[3]!;
    const file = chunkPath(root, hash);
    const saved = await fs.readFile(file);
    await fs.rm(file);
    expect((await verifyManifest(root, 'm')).badChunks).toEqual([{ index: 3, hash, reason: 'missing from the store' }]);
    const target = path.join(dir, 'out-c', 'disk.img');
    await fs.mkdir(path.dirname(target));
    await fs.writeFile(target, 'the old disk');
    await expect(restoreDisk(root, 'm', target)).rejects.toThrow(/chunk 3 .* missing from the store/);
    expect(await fs.readFile(target, 'utf8')).toBe('the old disk');
    expect(await listFiles(path.dirname(target))).toEqual(['disk.img']);
    await fs.writeFile(file, saved);
  });

  it('catches a manifest whose digest does not match its chunks', async () => {
    const file = manifestPath(root, 'm');
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace(manifest.digest, '0'.repeat(64)));
    expect(await verifyManifest(root, 'm')).toEqual({ ok: false, badChunks: [], digestMatches: false });
    const target = path.join(dir, 'out-d', 'disk.img');
    await fs.mkdir(path.dirname(target));
    await expect(restoreDisk(root, 'm', target)).rejects.toBeInstanceOf(DigestMismatchError);
    await expectNoTarget(target);
    await fs.writeFile(file, text);
    expect((await readManifest(root, 'm')).digest).toBe(manifest.digest);
  });

  it('catches a chunk list reordered in the manifest, though every chunk is sound', async () => {
    const file = manifestPath(root, 'm');
    const text = await fs.readFile(file, 'utf8');
    // Chunks 0 (random) and 1 (text) swapped: each still matches its own hash, the disk would not.
    const [a, b] = manifest.chunks as string[];
    await fs.writeFile(file, text.replace(a, 'X').replace(b, a).replace('X', b));
    expect((await readManifest(root, 'm')).chunks.slice(0, 2)).toEqual([b, a]);
    expect(await verifyManifest(root, 'm')).toEqual({ ok: false, badChunks: [], digestMatches: false });
    const target = path.join(dir, 'out-e', 'disk.img');
    await fs.mkdir(path.dirname(target));
    await expect(restoreDisk(root, 'm', target)).rejects.toBeInstanceOf(DigestMismatchError);
    await expectNoTarget(target);
    await fs.writeFile(file, text);
    expect(await verifyManifest(root, 'm')).toEqual({ ok: true, badChunks: [], digestMatches: true });
  });
});
