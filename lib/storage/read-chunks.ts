import { chunkCount, chunkRange } from './chunking';
import { diskDigest } from './digest';
import type { Manifest } from './manifest';
import { forEachChunk, type Progress } from './pipeline';
import { runChunkTask } from './pool';
import { READ_SLOTS, withSlotPool, type Slot } from './slots';
import type { OpenedStore } from './store';

// Reading a manifest back, shared by restore and verify: each stored chunk is read into a slot,
// decompressed and hashed by a worker, compared with the manifest, handed to `sink` (restore
// writes it). Holes are neither read nor hashed: once every data chunk's hash is checked, the disk
// digest follows from the manifest's chunk list (digest.ts).

export type BadChunk = { index: number; hash: string; reason: string };

export class ChunkError extends Error {
  constructor(
    readonly manifestId: string,
    readonly bad: BadChunk,
  ) {
    super(`manifest ${manifestId}: chunk ${bad.index} (${bad.hash}) ${bad.reason}`);
    this.name = 'ChunkError';
  }
}

export type ReadOptions = {
  signal?: AbortSignal;
  onProgress?: Progress;
  /** Receives each good data chunk (holes are not passed): `length` bytes at the start of `region`
   *  (a whole slot region, so direct I/O may pad it), valid until the returned promise resolves. */
  sink?: (region: Buffer, length: number, offset: number) => Promise<void>;
  /** Called for a chunk that is missing or damaged; throw to stop (restore), return to go on (verify). */
  onBad: (bad: BadChunk) => void;
};

/** Reads data chunk `index` into `slot.output` (its raw bytes, checked against the manifest's
 *  hash); returns why it cannot be used, or undefined when it is good. */
export async function readStoredChunk(
  store: OpenedStore,
  manifest: Manifest,
  index: number,
  slot: Slot,
): Promise<BadChunk | undefined> {
  const { length } = chunkRange(index, manifest.sizeBytes, manifest.chunkSize);
  const hash = manifest.chunks[index];
  if (hash === null) throw new RangeError(`chunk ${index} is a hole`);
  const file = await store.backend.readChunk(store.nameOf(hash), slot.input.buf);
  if ('bad' in file) return { index, hash, reason: file.bad };
  const open = store.keys?.seal.toString('hex');
  const result = await runChunkTask(
    { op: 'restore', expectLen: length, open },
    slot.input,
    file.length,
    slot.output,
    length,
  );
  if (result.corrupt) return { index, hash, reason: `is corrupt: ${result.corrupt}` };
  if (result.hash !== hash) return { index, hash, reason: `is corrupt: its content hashes to ${result.hash}` };
  return undefined;
}

/** Returns the disk digest of what was read (computed from the manifest's chunk list once every data
 *  chunk matched its hash), or null if a chunk was bad. */
export async function readManifestChunks(
  store: OpenedStore,
  manifest: Manifest,
  opts: ReadOptions,
): Promise<string | null> {
  const { sizeBytes, chunkSize } = manifest;
  const count = chunkCount(sizeBytes, chunkSize);
  let broken = false;
  // Progress counts the data chunks only: holes are neither read nor written, so counting them
  // would make speeds up.
  let done = 0;
  let total = 0;
  for (let i = 0; i < count; i++) if (manifest.chunks[i] !== null) total += chunkRange(i, sizeBytes, chunkSize).length;
  const readChunk = async (index: number, slot: Slot) => {
    const { offset, length } = chunkRange(index, sizeBytes, chunkSize);
    const hash = manifest.chunks[index];
    if (hash === null) return;
    const bad = await readStoredChunk(store, manifest, index, slot);
    if (bad) {
      broken = true;
      return opts.onBad(bad);
    }
    await opts.sink?.(slot.output.buf, length, offset);
  };
  await withSlotPool(chunkSize, READ_SLOTS, (slots) =>
    forEachChunk(count, slots, opts.signal, async (index, slot) => {
      await readChunk(index, slot);
      if (manifest.chunks[index] === null) return;
      done += chunkRange(index, sizeBytes, chunkSize).length;
      opts.onProgress?.(done, total);
    }),
  );
  return broken ? null : diskDigest(sizeBytes, chunkSize, manifest.chunks);
}
