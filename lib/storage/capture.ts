import { CHUNK_SIZE, chunkCount, chunkRange, isAllZero } from './chunking';
import { diskDigest } from './digest';
import { IoFile } from './direct-io';
import { assertManifestId } from './layout';
import { MANIFEST_VERSION, type Manifest, type ManifestAbout } from './manifest';
import { forEachChunk, type Progress } from './pipeline';
import { runChunkTask, type ChunkTask } from './pool';
import { CAPTURE_SLOTS, withSlotPool, type Slot } from './slots';
import { storeOf, type StoreArg } from './store';

export type CaptureOptions = {
  onProgress?: Progress;
  signal?: AbortSignal;
  /** What the capture is (written into its manifest, so the store describes itself). */
  about?: ManifestAbout;
  /** Runs after every chunk is stored and before the manifest is written (tests use it to race GC). */
  beforeCommit?: () => Promise<void> | void;
};

/**
 * Captures a disk file into the store as manifest `manifestId`.
 *
 * Per chunk: the main thread reads it (6 chunks in flight) and skips it if all zero (a hole: never
 * hashed); otherwise a worker hashes it and compresses (and, for an encrypted store, seals) it only
 * if the store lacks it, and the new chunk's write proceeds in the background while the next chunks
 * are read. The disk digest is computed at the end from the chunk hashes (digest.ts).
 * The manifest is written last; on failure or abort nothing is committed, and chunks already
 * written stay as garbage for collectGarbage (another capture may rely on them).
 */
export async function captureDisk(
  where: StoreArg,
  diskPath: string,
  manifestId: string,
  opts: CaptureOptions = {},
): Promise<Manifest> {
  assertManifestId(manifestId);
  const { signal, onProgress } = opts;
  signal?.throwIfAborted();
  const store = await storeOf(where);
  const { backend } = store;
  if (await backend.hasManifest(manifestId)) throw new Error(`manifest ${manifestId} already exists`);
  await store.describe();
  const disk = await IoFile.open(diskPath, 'r');
  let session: Awaited<ReturnType<typeof backend.startCapture>> | undefined;
  let committed = false;
  const seal = store.keys?.seal.toString('hex');
  // The worker may skip compressing a chunk it sees in a plain folder store; elsewhere it only
  // hashes, and compresses once the store is known to lack the chunk.
  const first: ChunkTask =
    backend.workerChunksDir && !store.keys ? { op: 'capture', chunksDir: backend.workerChunksDir } : { op: 'hash' };
  try {
    session = await backend.startCapture(manifestId, signal);
    const capture = session;
    const sizeBytes = (await disk.stat()).size;
    const count = chunkCount(sizeBytes);
    const chunks: (string | null)[] = new Array(count).fill(null);
    const seen = new Set<string>();
    const totals = { dataBytes: 0, storedBytes: 0, newBytes: 0, done: 0 };

    // Whether chunk `hash` must be written: returns its stored length in slot.output if so,
    // undefined if the store already has it (lookup() is where the backend protects it from GC).
    const mustWrite = async (name: string, slot: Slot, length: number, clen: number | undefined) => {
      const existing = await capture.lookup(name);
      if (existing !== undefined) {
        totals.storedBytes += existing;
        return undefined;
      }
      clen ??= (await runChunkTask({ op: 'compress', seal }, slot.input, length, slot.output)).clen!;
      totals.storedBytes += clen;
      totals.newBytes += clen;
      return clen;
    };

    await withSlotPool(CHUNK_SIZE, CAPTURE_SLOTS, (slots) =>
      forEachChunk(count, slots, signal, async (index, slot, later) => {
        const { offset, length } = chunkRange(index, sizeBytes);
        await disk.read(slot.input.buf, length, offset);
        const data = slot.input.buf.subarray(0, length);
        if (!isAllZero(data)) {
          const result = await runChunkTask(first, slot.input, length, slot.output);
          const hash = result.hash!;
          chunks[index] = hash;
          totals.dataBytes += length;
          // A chunk repeated within this disk is stored by its first occurrence only.
          if (!seen.has(hash)) {
            seen.add(hash);
            const name = store.nameOf(hash);
            const clen = await mustWrite(name, slot, length, result.exists === false ? result.clen : undefined);
            if (clen !== undefined) {
              // The write continues in the background, in the region just filled.
              const out = await slots.detachOutput(slot);
              later(capture.write(name, out.buf, clen).finally(() => slots.spares.release(out)));
            }
          }
        }
        totals.done += length;
        onProgress?.(totals.done, sizeBytes);
      }),
    );

    await capture.sync();
    await opts.beforeCommit?.();
    signal?.throwIfAborted();
    if (await backend.hasManifest(manifestId)) throw new Error(`manifest ${manifestId} already exists`);
    const manifest: Manifest = {
      version: MANIFEST_VERSION,
      id: manifestId,
      createdAt: new Date().toISOString(),
      sizeBytes,
      chunkSize: CHUNK_SIZE,
      digest: diskDigest(sizeBytes, CHUNK_SIZE, chunks),
      chunks,
      dataBytes: totals.dataBytes,
      storedBytes: totals.storedBytes,
      newBytes: totals.newBytes,
      ...(opts.about ? { about: opts.about } : {}),
    };
    await backend.putManifest(manifestId, store.encodeManifest(manifest));
    committed = true;
    return manifest;
  } finally {
    await disk.close();
    await session?.end(committed);
  }
}
