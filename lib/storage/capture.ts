import { CHUNK_SIZE, chunkCount, chunkRange, isAllZero, partsByChunk, type ByteRange } from './chunking';
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
  /**
   * The only bytes to read (sorted, not overlapping, offsets and lengths multiples of 4 KiB): the
   * rest of the disk is recorded as zeros without being read, like partclone. The caller knows
   * the disk (its filesystem's used blocks, the host's holes); without it every byte is read.
   */
  ranges?: readonly ByteRange[];
  /** The disk's used bytes as the caller measured them (the manifest's dataBytes); without it, the
   *  bytes of the non-zero chunks. */
  dataBytes?: number;
};

/**
 * Captures a disk file into the store as manifest `manifestId`.
 *
 * Per chunk: the main thread reads it (6 chunks in flight; only its parts in `ranges`, the rest
 * zeroed) and skips it if all zero (a hole: never
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
    const parts = opts.ranges ? partsByChunk(opts.ranges) : undefined;
    // Progress, speed and ETA count the bytes actually read.
    const toRead = opts.ranges ? opts.ranges.reduce((sum, r) => sum + r.length, 0) : sizeBytes;
    const chunks: (string | null)[] = new Array(count).fill(null);
    const seen = new Set<string>();
    const totals = { dataBytes: 0, storedBytes: 0, newBytes: 0, done: 0 };
    // Reads chunk `index` into the slot: whole, or only its parts on a zeroed buffer; returns the
    // bytes read (0: nothing to read, a hole).
    const readChunk = async (index: number, into: Buffer, length: number, offset: number) => {
      if (!parts) {
        await disk.read(into, length, offset);
        return length;
      }
      const inside = parts.get(index);
      if (!inside) return 0;
      if (inside.length === 1 && inside[0].offset === 0 && inside[0].length === length) {
        await disk.read(into, length, offset);
        return length;
      }
      into.fill(0, 0, length);
      for (const p of inside) await disk.read(into.subarray(p.offset), p.length, offset + p.offset);
      return inside.reduce((sum, p) => sum + p.length, 0);
    };

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
        const read = await readChunk(index, slot.input.buf, length, offset);
        const data = slot.input.buf.subarray(0, length);
        if (read > 0 && !isAllZero(data)) {
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
        totals.done += read;
        onProgress?.(totals.done, toRead);
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
      dataBytes: opts.dataBytes ?? totals.dataBytes,
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
