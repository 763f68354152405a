import { createHash } from 'node:crypto';
import { CHUNK_SIZE, chunkCount, chunkRange, isValidChunkSize } from './chunking';
import { IoFile } from './direct-io';
import { forEachChunk } from './pipeline';
import { runChunkTask } from './pool';
import { READ_SLOTS, withSlotPool } from './slots';

// The whole-disk digest is a chunk-list digest (like Proxmox Backup Server's index checksum), not
// plain SHA-256 of the disk: hashing every zero of a 25-160 GiB sparse disk took longer than all the
// rest of a capture or restore. Definition (DISK_DIGEST_FORMAT "lifeboat-disk-v1"):
//
//   digest = SHA-256( header || H(chunk 0) || H(chunk 1) || ... || H(chunk n-1) )
//   header = the ASCII bytes "lifeboat-disk-v1" || 0x00
//            || disk size in bytes as a 64-bit unsigned big-endian integer
//            || chunk size in bytes as a 32-bit unsigned big-endian integer
//   H(chunk i) = the 32-byte (binary) SHA-256 of the raw bytes of chunk i, i.e. of bytes
//            [i * chunkSize, min((i + 1) * chunkSize, size)) of the disk; for an all-zero chunk
//            that is the SHA-256 of that many zero bytes (precomputed, never re-hashed).
//
// It depends only on the disk's size and content (for a given chunk size, always 4 MiB here): two
// disks with the same size and bytes have the same digest, and any changed byte changes the hash of
// its chunk and so the digest. A manifest's chunk list holds exactly these chunk hashes (null for
// zero chunks), so restore and verify recompute the digest from the manifest once each data chunk's
// hash is checked, and capture from the hashes its workers compute anyway: nobody hashes holes.
// digestFile() computes the same value from a file, e.g. to compare a deployed disk with its image.

const DISK_DIGEST_FORMAT = 'lifeboat-disk-v1';

/** The header hashed before the chunk hashes (see the definition above). */
export function diskDigestHeader(sizeBytes: number, chunkSize: number): Buffer {
  if (!Number.isSafeInteger(sizeBytes) || sizeBytes < 0) throw new RangeError(`bad disk size ${sizeBytes}`);
  if (!isValidChunkSize(chunkSize)) throw new RangeError(`bad chunk size ${chunkSize}`);
  const tag = Buffer.from(`${DISK_DIGEST_FORMAT}\0`, 'ascii');
  const header = Buffer.alloc(tag.length + 12);
  tag.copy(header, 0);
  header.writeBigUInt64BE(BigInt(sizeBytes), tag.length);
  header.writeUInt32BE(chunkSize, tag.length + 8);
  return header;
}

// SHA-256 of a zero chunk, by length: in practice one entry for full chunks and one per odd last chunk.
const zeroHashes = new Map<number, string>();

/** SHA-256 (hex) of `length` zero bytes, computed once per length. */
export function zeroChunkHash(length: number): string {
  let hash = zeroHashes.get(length);
  if (hash === undefined) {
    hash = createHash('sha256').update(Buffer.alloc(length)).digest('hex');
    if (zeroHashes.size > 64) zeroHashes.clear();
    zeroHashes.set(length, hash);
  }
  return hash;
}
zeroChunkHash(CHUNK_SIZE);

/** The disk digest from the chunk hashes in disk order (hex SHA-256 of each chunk, null for an
 *  all-zero chunk), e.g. a manifest's chunk list. */
export function diskDigest(sizeBytes: number, chunkSize: number, chunks: readonly (string | null)[]): string {
  const count = chunkCount(sizeBytes, chunkSize);
  if (chunks.length !== count) throw new RangeError(`${chunks.length} chunk hashes for ${count} chunks`);
  const hash = createHash('sha256').update(diskDigestHeader(sizeBytes, chunkSize));
  const list = Buffer.alloc(32 * count);
  for (let i = 0; i < count; i++) {
    const chunk = chunks[i] ?? zeroChunkHash(chunkRange(i, sizeBytes, chunkSize).length);
    if (list.write(chunk, 32 * i, 32, 'hex') !== 32)
      throw new RangeError(`chunk ${i}: ${chunk} is not a SHA-256 hex digest`);
  }
  return hash.update(list).digest('hex');
}

/**
 * The disk digest (see above) of a file, or of its first `length` bytes: read in 4 MiB chunks
 * (several in flight, direct I/O where possible), each zero-checked and, unless all zero, hashed by
 * the chunk workers. So a sparse disk costs reading its holes, not hashing them.
 */
export async function digestFile(file: string, opts: { signal?: AbortSignal; length?: number } = {}): Promise<string> {
  const disk = await IoFile.open(file, 'r');
  try {
    const fileSize = (await disk.stat()).size;
    const sizeBytes = opts.length ?? fileSize;
    if (!Number.isSafeInteger(sizeBytes) || sizeBytes < 0) throw new RangeError(`bad length ${sizeBytes}`);
    if (sizeBytes > fileSize)
      throw new RangeError(`${file} has ${fileSize} bytes, fewer than the ${sizeBytes} to digest`);
    const count = chunkCount(sizeBytes, CHUNK_SIZE);
    const chunks: (string | null)[] = new Array(count).fill(null);
    await withSlotPool(CHUNK_SIZE, READ_SLOTS, (slots) =>
      forEachChunk(count, slots, opts.signal, async (index, slot) => {
        const { offset, length } = chunkRange(index, sizeBytes, CHUNK_SIZE);
        await disk.read(slot.input.buf, length, offset);
        // The worker zero-checks first and hashes only a chunk with data (hash undefined: all zero).
        chunks[index] = (await runChunkTask({ op: 'hash' }, slot.input, length, slot.output, 0)).hash ?? null;
      }),
    );
    return diskDigest(sizeBytes, CHUNK_SIZE, chunks);
  } finally {
    await disk.close();
  }
}
