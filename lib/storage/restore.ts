import fs from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir } from './atomic';
import { tempPathFor } from './layout';
import { readManifest } from './manifest-files';
import { storeOf, type StoreArg } from './store';
import { isAllZero } from './chunking';
import { IoFile } from './direct-io';
import type { Progress } from './pipeline';
import { ChunkError, readManifestChunks, type BadChunk } from './read-chunks';

export type RestoreOptions = {
  onProgress?: Progress;
  signal?: AbortSignal;
  /**
   * true (the default): the disk is on stable storage before it appears under targetPath, so a job
   * that reports success has a disk that survives a crash. Data is written with O_DIRECT and the
   * file fsynced before the rename; the restore then waits for the device (on these VMs ~0.5-1 s
   * for 1 GiB more than a page-cache restore). false: written through the page cache and not
   * synced, like `restic restore`; still complete and verified before the rename, but a crash soon
   * after may lose it.
   */
  durable?: boolean;
};

export class DigestMismatchError extends Error {
  constructor(
    readonly manifestId: string,
    readonly expected: string,
    readonly actual: string | null,
  ) {
    super(
      `manifest ${manifestId}: the restored disk's digest is ${actual ?? 'unknown'}, the manifest says ${expected}`,
    );
    this.name = 'DigestMismatchError';
  }
}

/**
 * Rebuilds the disk of manifest `manifestId` at `targetPath` as a sparse file.
 *
 * The disk is assembled under a temporary name in the target's directory: the file is sized with
 * ftruncate (so holes are never written and stay unallocated), data chunks are written at their
 * offsets (holes are neither read nor hashed), every data chunk's SHA-256 is checked after
 * decompression and the disk digest recomputed from the manifest's chunk list (digest.ts) and
 * compared with the manifest's, the file is fsynced and
 * only then renamed over `targetPath`. On any error (a bad chunk, a digest mismatch, abort) the
 * temporary file is removed and `targetPath` is left exactly as it was: a half-restored disk never
 * appears under the target's name.
 */
export async function restoreDisk(
  where: StoreArg,
  manifestId: string,
  targetPath: string,
  opts: RestoreOptions = {},
): Promise<{ digest: string; sizeBytes: number }> {
  const store = await storeOf(where);
  const manifest = await readManifest(store, manifestId);
  const dir = path.dirname(path.resolve(targetPath));
  await fs.mkdir(dir, { recursive: true });
  const temp = tempPathFor(path.resolve(targetPath));
  const durable = opts.durable ?? true;
  const file = await IoFile.open(temp, 'wx', { direct: durable });
  let committed = false;
  try {
    await file.truncate(manifest.sizeBytes);
    const digest = await readManifestChunks(store, manifest, {
      ...opts,
      sink: (region, length, offset) => writeSparse(file, region, length, offset),
      onBad: (bad: BadChunk) => {
        throw new ChunkError(manifestId, bad);
      },
    });
    if (digest !== manifest.digest) throw new DigestMismatchError(manifestId, manifest.digest, digest);
    await file.truncate(manifest.sizeBytes); // drop direct I/O's padding after a partial last chunk
    if (durable) await file.sync();
    await file.close();
    await fs.rename(temp, targetPath);
    committed = true;
    if (durable) await fsyncDir(dir);
    return { digest, sizeBytes: manifest.sizeBytes };
  } finally {
    if (!committed) {
      await file.close().catch(() => {});
      await fs.rm(temp, { force: true });
    }
  }
}

/** Within a chunk, blocks of zeros are not written. */
const SPARSE_BLOCK = 4096;

/**
 * Writes a chunk but for its all-zero 4 KiB blocks, which stay holes: a chunk holding a few used
 * blocks of a filesystem (its metadata every few GiB) takes what they take, not 4 MiB, so the
 * restored disk is as sparse as the captured one. Runs of data are written whole.
 */
async function writeSparse(file: IoFile, region: Buffer, length: number, offset: number): Promise<void> {
  let start = -1;
  const flush = async (end: number) => {
    // The run is written from its own aligned start; direct I/O pads a last partial block.
    await file.write(region.subarray(start), end - start, offset + start);
    start = -1;
  };
  for (let at = 0; at < length; at += SPARSE_BLOCK) {
    const zero = isAllZero(region.subarray(at, Math.min(at + SPARSE_BLOCK, length)));
    if (!zero && start < 0) start = at;
    else if (zero && start >= 0) await flush(at);
  }
  if (start >= 0) await flush(length);
}

export type VerifyResult = {
  ok: boolean;
  badChunks: BadChunk[];
  /** False when the chunks are sound but their list does not give the manifest's disk digest
   *  (null when a bad chunk made the digest impossible to compute). */
  digestMatches: boolean | null;
};

/** Re-reads every data chunk of a manifest, decompresses it and checks its SHA-256, and checks the
 *  manifest's disk digest against its chunk list. */
export async function verifyManifest(
  where: StoreArg,
  manifestId: string,
  opts: RestoreOptions = {},
): Promise<VerifyResult> {
  const store = await storeOf(where);
  const manifest = await readManifest(store, manifestId);
  const badChunks: BadChunk[] = [];
  const digest = await readManifestChunks(store, manifest, { ...opts, onBad: (bad) => void badChunks.push(bad) });
  const digestMatches = digest === null ? null : digest === manifest.digest;
  badChunks.sort((a, b) => a.index - b.index);
  return { ok: badChunks.length === 0 && digestMatches === true, badChunks, digestMatches };
}
