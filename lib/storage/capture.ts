import fs from 'node:fs/promises';
import { ChunkWriter, storedChunkSize } from './chunk-files';
import { CHUNK_SIZE, chunkCount, chunkRange, isAllZero } from './chunking';
import { diskDigest } from './digest';
import { IoFile } from './direct-io';
import { assertManifestId, chunksDir } from './layout';
import { MANIFEST_VERSION, type Manifest } from './manifest';
import { manifestExists, writeManifest } from './manifest-files';
import { CaptureJournal, waitWhileGcRuns } from './pending';
import { forEachChunk, type Progress } from './pipeline';
import { runChunkTask } from './pool';
import { CAPTURE_SLOTS, withSlotPool, type Slot } from './slots';

export type CaptureOptions = {
  onProgress?: Progress;
  signal?: AbortSignal;
  /** Runs after every chunk is stored and before the manifest is written (tests use it to race GC). */
  beforeCommit?: () => Promise<void> | void;
};

/**
 * Captures a disk file into the store as manifest `manifestId`.
 *
 * Per chunk: the main thread reads it (6 chunks in flight) and skips it if all zero (a hole: never
 * hashed); otherwise a worker hashes it and compresses it only if the store lacks it, and the new
 * chunk's write proceeds in the background while the next chunks are read. The disk digest is
 * computed at the end from the chunk hashes (digest.ts).
 * The manifest is written last; on failure or abort nothing is committed, the journal is removed and
 * chunks already written stay as garbage for collectGarbage (another capture may rely on them).
 */
export async function captureDisk(root: string, diskPath: string, manifestId: string, opts: CaptureOptions = {}): Promise<Manifest> {
  assertManifestId(manifestId);
  const { signal, onProgress } = opts;
  signal?.throwIfAborted();
  if (await manifestExists(root, manifestId)) throw new Error(`manifest ${manifestId} already exists`);
  await fs.mkdir(chunksDir(root), { recursive: true });
  const disk = await IoFile.open(diskPath, 'r');
  let journal: CaptureJournal | undefined;
  const writer = new ChunkWriter(root);
  let committed = false;
  try {
    journal = await CaptureJournal.open(root, manifestId);
    const sizeBytes = (await disk.stat()).size;
    const count = chunkCount(sizeBytes);
    const chunks: (string | null)[] = new Array(count).fill(null);
    const seen = new Set<string>();
    const totals = { dataBytes: 0, storedBytes: 0, newBytes: 0, done: 0 };

    // Decides whether chunk `hash` must be written: the journal entry comes first, then the GC gate,
    // then the existence check (the order gc.ts relies on). Returns its compressed length in
    // slot.output if it must be written, undefined if the store already has it.
    const mustWrite = async (hash: string, slot: Slot, length: number, clen: number | undefined) => {
      journal!.add(hash);
      await waitWhileGcRuns(root, signal);
      writer.reference(hash);
      const existing = storedChunkSize(root, hash);
      if (existing !== undefined) {
        totals.storedBytes += existing;
        return undefined;
      }
      // The worker saw the chunk (so did not compress it), but it has gone since: compress now.
      clen ??= (await runChunkTask({ op: 'compress' }, slot.input, length, slot.output)).clen!;
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
          const result = await runChunkTask({ op: 'capture', chunksDir: chunksDir(root) }, slot.input, length, slot.output);
          const hash = result.hash!;
          chunks[index] = hash;
          totals.dataBytes += length;
          // A chunk repeated within this disk is stored by its first occurrence only.
          if (!seen.has(hash)) {
            seen.add(hash);
            const clen = await mustWrite(hash, slot, length, result.exists ? undefined : result.clen);
            if (clen !== undefined) {
              // The write (fsync'd) continues in the background, in the region just filled.
              const out = await slots.detachOutput(slot);
              later(writer.write(hash, out.buf, clen).finally(() => slots.spares.release(out)));
            }
          }
        }
        totals.done += length;
        onProgress?.(totals.done, sizeBytes);
      }),
    );

    await writer.sync();
    await opts.beforeCommit?.();
    signal?.throwIfAborted();
    if (await manifestExists(root, manifestId)) throw new Error(`manifest ${manifestId} already exists`);
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
    };
    await writeManifest(root, manifest);
    committed = true;
    return manifest;
  } finally {
    if (!committed) await writer.discard();
    await disk.close();
    await journal?.close();
  }
}
