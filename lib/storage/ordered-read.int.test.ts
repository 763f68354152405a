import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_SIZE } from './chunking';
import { captureDisk, ChunkError, closeChunkPool, openChunkStore, readChunksInOrder, type OpenedStore } from './index';
import { STREAM_SLOTS } from './slots';
import { makeDisk, tempDir } from '@/tests/store-disks';

// The ordered reader a download streams from: chunks in disk order whatever order their reads
// finish in, a few read ahead and no more, reading stopped when the consumer stops, and a bad
// chunk ending the sequence with an error rather than zeros.

let dir: string;
let store: OpenedStore;
let contents: Buffer[];
const TAIL = 12_345;
const STRIPES = [
  'random',
  'text',
  'hole',
  'random',
  'hole',
  'hole',
  'random',
  'text',
  'random',
  'random',
  'text',
] as const;

beforeAll(async () => {
  dir = await tempDir();
  store = await openChunkStore(path.join(dir, 'store'));
  contents = await makeDisk(path.join(dir, 'disk.img'), [...STRIPES], TAIL);
  await captureDisk(store, path.join(dir, 'disk.img'), 'disk');
});

afterAll(async () => {
  await closeChunkPool();
  await fs.rm(dir, { recursive: true, force: true });
});

/** The store with its chunk reads counted, slowed, and how many run at once recorded. */
function watched(delayMs = 0) {
  const stats = { reads: 0, running: 0, most: 0 };
  const backend = Object.create(store.backend) as OpenedStore['backend'];
  backend.readChunk = async (name, into) => {
    stats.reads++;
    stats.most = Math.max(stats.most, ++stats.running);
    try {
      await new Promise((resolve) => setTimeout(resolve, delayMs * Math.random()));
      return await store.backend.readChunk(name, into);
    } finally {
      stats.running--;
    }
  };
  return { store: { ...store, backend }, stats };
}

describe('reading a manifest in disk order', () => {
  it('yields every chunk in order, holes as null, the bytes as captured', async () => {
    const { store: slow, stats } = watched(20);
    const seen: number[] = [];
    for await (const chunk of readChunksInOrder(slow, 'disk')) {
      seen.push(chunk.index);
      expect(chunk.offset).toBe(chunk.index * CHUNK_SIZE);
      if (chunk.index === STRIPES.length) {
        expect(chunk.length).toBe(TAIL);
        expect(chunk.data).not.toBeNull();
        continue;
      }
      expect(chunk.length).toBe(CHUNK_SIZE);
      if (STRIPES[chunk.index] === 'hole') expect(chunk.data).toBeNull();
      else expect(chunk.data!.equals(contents[chunk.index])).toBe(true);
    }
    expect(seen).toEqual([...Array(STRIPES.length + 1).keys()]);
    expect(stats.reads).toBe(STRIPES.filter((s) => s !== 'hole').length + 1);
    expect(stats.most).toBeLessThanOrEqual(STREAM_SLOTS.slots);
    expect(stats.most).toBeGreaterThan(1);
  });

  it('reads no further than a few chunks ahead of a consumer that stops', async () => {
    const { store: counted, stats } = watched();
    for await (const chunk of readChunksInOrder(counted, 'disk')) if (chunk.index === 0) break;
    expect(stats.reads).toBeLessThanOrEqual(STREAM_SLOTS.slots);
    expect(stats.running).toBe(0);
    const after = stats.reads;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stats.reads).toBe(after);
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    const read = async () => {
      for await (const chunk of readChunksInOrder(store, 'disk', { signal: controller.signal }))
        if (chunk.index === 1) controller.abort();
    };
    await expect(read()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('ends with a ChunkError at a damaged chunk, after the chunks before it', async () => {
    const other = await openChunkStore(path.join(dir, 'damaged'));
    const disk = path.join(dir, 'damaged.img');
    await makeDisk(disk, ['random', 'random', 'random']);
    const manifest = await captureDisk(other, disk, 'damaged');
    const name = other.nameOf(manifest.chunks[1]!);
    const file = path.join(dir, 'damaged', 'chunks', name.slice(0, 2), name);
    const bytes = await fs.readFile(file);
    bytes[bytes.length >> 1] ^= 0xff;
    await fs.writeFile(file, bytes);
    const seen: number[] = [];
    const read = async () => {
      for await (const chunk of readChunksInOrder(other, 'damaged')) seen.push(chunk.index);
    };
    const error = await read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChunkError);
    expect((error as ChunkError).bad.index).toBe(1);
    expect(seen).toEqual([0]);
  });
});
