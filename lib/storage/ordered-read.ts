import { chunkCount, chunkRange } from './chunking';
import { diskDigest } from './digest';
import type { Manifest } from './manifest';
import { readManifest } from './manifest-files';
import { ChunkError, readStoredChunk } from './read-chunks';
import { DigestMismatchError } from './restore';
import { giveBackSlotPool, STREAM_SLOTS, takeSlotPool, type Slot } from './slots';
import { storeOf, type StoreArg } from './store';

// A manifest's disk as a sequence of chunks in disk order, for whoever sends it on (a download):
// unlike readManifestChunks, which hands chunks over as they finish, this waits for each in turn.
// A few data chunks are read ahead, each in a slot of its own, and the next read starts only when
// the consumer asks for the next chunk: memory is those slots whatever the disk's size, and a
// consumer that stops asking (a slow or closed connection) stops the reading. Every data chunk's
// hash is checked as in a restore; a missing or damaged chunk ends the sequence with a ChunkError,
// never with zeros in its place. The manifest's digest is checked against its chunk list first,
// so the chunks that pass their hashes are the disk the manifest names.

export type OrderedChunk = {
  index: number;
  offset: number;
  length: number;
  /** The chunk's bytes, valid only until the next chunk is asked for; null for a hole (zeros). */
  data: Buffer | null;
};

export async function* readChunksInOrder(
  where: StoreArg,
  manifestOrId: Manifest | string,
  opts: { signal?: AbortSignal } = {},
): AsyncGenerator<OrderedChunk, void, undefined> {
  const store = await storeOf(where);
  const manifest = typeof manifestOrId === 'string' ? await readManifest(store, manifestOrId) : manifestOrId;
  const { sizeBytes, chunkSize, chunks } = manifest;
  const listed = diskDigest(sizeBytes, chunkSize, chunks);
  if (listed !== manifest.digest) throw new DigestMismatchError(manifest.id, manifest.digest, listed);
  const count = chunkCount(sizeBytes, chunkSize);
  const pool = takeSlotPool(chunkSize, STREAM_SLOTS);
  // Reads started, in disk order; each resolves to its slot holding the checked bytes.
  const ahead: { index: number; read: Promise<Slot> }[] = [];
  let scanned = 0;
  const start = (index: number) => {
    const read = (async () => {
      const slot = await pool.acquire();
      try {
        const bad = await readStoredChunk(store, manifest, index, slot);
        if (bad) throw new ChunkError(manifest.id, bad);
        return slot;
      } catch (error) {
        pool.release(slot);
        throw error;
      }
    })();
    read.catch(() => {}); // awaited in turn below; a failure ahead must not go unhandled meanwhile
    ahead.push({ index, read });
  };
  let held: Slot | undefined;
  try {
    for (let index = 0; index < count; index++) {
      opts.signal?.throwIfAborted();
      while (ahead.length < STREAM_SLOTS.slots && scanned < count) {
        if (chunks[scanned] !== null) start(scanned);
        scanned++;
      }
      const { offset, length } = chunkRange(index, sizeBytes, chunkSize);
      if (chunks[index] === null) {
        yield { index, offset, length, data: null };
        continue;
      }
      held = await ahead.shift()!.read;
      yield { index, offset, length, data: held.output.buf.subarray(0, length) };
      pool.release(held);
      held = undefined;
    }
  } finally {
    // Reads still running write into the pool's regions: let them end before the pool is reused.
    if (held) pool.release(held);
    for (const { read } of ahead.splice(0))
      await read.then(
        (slot) => pool.release(slot),
        () => {},
      );
    giveBackSlotPool(pool);
  }
}
