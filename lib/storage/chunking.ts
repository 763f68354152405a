// Chunk maths and zero detection: pure functions, so the rules a disk is cut by are unit-tested
// without touching a file.

/** Disks are cut into fixed 4 MiB chunks: big enough that per-chunk overhead (a file, a hash,
 *  a message to a worker) is negligible, small enough that a changed block costs little. */
export const CHUNK_SIZE = 4 * 1024 * 1024;

/** Chunk sizes a manifest may declare (powers of two, 64 KiB..16 MiB): a bound on the memory a
 *  restore must reserve per in-flight chunk, whatever the manifest says. */
export const MIN_CHUNK_SIZE = 64 * 1024;
const MAX_CHUNK_SIZE = 16 * 1024 * 1024;

export function isValidChunkSize(size: number): boolean {
  return Number.isInteger(size) && size >= MIN_CHUNK_SIZE && size <= MAX_CHUNK_SIZE && (size & (size - 1)) === 0;
}

/** How many chunks cover a disk; the last one may be partial. */
export function chunkCount(sizeBytes: number, chunkSize: number = CHUNK_SIZE): number {
  return Math.ceil(sizeBytes / chunkSize);
}

/** Byte range of chunk `index`: only the last chunk is shorter than chunkSize. */
export function chunkRange(
  index: number,
  sizeBytes: number,
  chunkSize: number = CHUNK_SIZE,
): { offset: number; length: number } {
  const offset = index * chunkSize;
  if (!Number.isInteger(index) || index < 0 || offset >= sizeBytes)
    throw new RangeError(`chunk ${index} is outside a disk of ${sizeBytes} bytes`);
  return { offset, length: Math.min(chunkSize, sizeBytes - offset) };
}

// One shared, never-written zero buffer: comparing against it is a memcmp (tens of GB/s), so
// holes cost neither hashing nor compression, and untouched zero pages cost no resident memory.
let zeros = Buffer.alloc(CHUNK_SIZE);

/** A read-only view of `length` zero bytes (shared: never write into it). */
export function zeroBytes(length: number): Buffer {
  if (length > zeros.length) zeros = Buffer.alloc(length);
  return zeros.subarray(0, length);
}

/** True when every byte is zero: such a chunk is recorded as a hole, not stored. */
export function isAllZero(data: Uint8Array): boolean {
  const view = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return view.equals(zeroBytes(view.length));
}

/** zstd's ZSTD_COMPRESSBOUND: the largest frame one-shot compression of `size` bytes can produce. */
export function compressBound(size: number): number {
  const small = size < 128 * 1024 ? (128 * 1024 - size) >> 11 : 0;
  return size + Math.floor(size / 256) + small;
}

/** Rounded up to a page, so slots in one shared buffer stay page-aligned. */
export function roundUpToPage(size: number): number {
  return Math.ceil(size / 4096) * 4096;
}

/** A byte range of a disk. */
export type ByteRange = { offset: number; length: number };

/**
 * Splits sorted, non-overlapping ranges by chunk: for chunk i, the parts of the ranges inside it,
 * relative to the chunk's start. Chunks with nothing in them are absent.
 */
export function partsByChunk(ranges: readonly ByteRange[], chunkSize: number = CHUNK_SIZE): Map<number, ByteRange[]> {
  const out = new Map<number, ByteRange[]>();
  for (const r of ranges) {
    for (let at = r.offset, end = r.offset + r.length; at < end;) {
      const index = Math.floor(at / chunkSize);
      const stop = Math.min(end, (index + 1) * chunkSize);
      const list = out.get(index) ?? [];
      list.push({ offset: at - index * chunkSize, length: stop - at });
      out.set(index, list);
      at = stop;
    }
  }
  return out;
}
