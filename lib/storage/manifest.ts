import { chunkCount, chunkRange, isValidChunkSize } from './chunking';
import { HASH_RE, isValidManifestId } from './layout';

// The manifest is the only thing that makes a capture visible: a list of chunk hashes in disk
// order (null = hole) plus what a restore needs to check its work. Parsing validates everything,
// so a damaged or hand-edited manifest fails with a message instead of restoring garbage.

/** 2: `digest` is the chunk-list disk digest of digest.ts (1 had plain SHA-256 of the disk).
 *  3: adds `about`, what the capture is, so a store can be used without the database.
 *  4: `dataBytes` is the disk's used space as its capture measured it (its filesystem's, like
 *     df), no longer the bytes of the non-zero chunks. */
export const MANIFEST_VERSION = 4;
const READABLE_VERSIONS: unknown[] = [2, 3, 4];
/** `about` is for people and the rebuild, not for restores: kept small. */
const MAX_ABOUT_BYTES = 16 * 1024;

/** What a capture is, written by whoever started it (an image, a backup slot, of which instance,
 *  by whom): the store's own record of it. Plain JSON; lib/services reads it back with its schema. */
export type ManifestAbout = Record<string, unknown>;

export type Manifest = {
  version: 2 | 3 | typeof MANIFEST_VERSION;
  id: string;
  createdAt: string;
  /** Logical size of the disk in bytes; the last chunk may be partial. */
  sizeBytes: number;
  chunkSize: number;
  /**
   * The disk digest (hex), "lifeboat-disk-v1" (digest.ts): SHA-256 over a header (the tag, sizeBytes,
   * chunkSize) followed by the 32-byte SHA-256 of each chunk's raw bytes in disk order, a hole
   * counting as the SHA-256 of its zero bytes. Not `sha256sum` of the disk, but determined by the
   * disk's size and content alone: equals digestFile() of the captured disk and of a restored one.
   */
  digest: string;
  /** SHA-256 (hex) of each chunk's raw bytes in disk order; null for an all-zero chunk (a hole). */
  chunks: (string | null)[];
  /** The disk's used bytes when captured: what its filesystem used (or, without one Lifeboat can
   *  read, what the host held). Before version 4: the bytes of the non-zero chunks. */
  dataBytes: number;
  /** Compressed bytes of the distinct chunks this manifest references (shared ones counted fully). */
  storedBytes: number;
  /** Compressed bytes this capture added to the store (0 when every chunk was already there). */
  newBytes: number;
  about?: ManifestAbout;
};

export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

/** Sum of the lengths of the non-hole chunks. */
export function dataBytesOf(chunks: (string | null)[], sizeBytes: number, chunkSize: number): number {
  let total = 0;
  for (let i = 0; i < chunks.length; i++) if (chunks[i] !== null) total += chunkRange(i, sizeBytes, chunkSize).length;
  return total;
}

/** The distinct chunk hashes a manifest references (what GC must keep). */
export function referencedChunks(manifest: Pick<Manifest, 'chunks'>): Set<string> {
  const set = new Set<string>();
  for (const hash of manifest.chunks) if (hash !== null) set.add(hash);
  return set;
}

export function serializeManifest(manifest: Manifest): string {
  validateManifest(manifest);
  // One chunk per line keeps large manifests diffable and readable with head/tail.
  const { chunks, ...rest } = manifest;
  const head = JSON.stringify(rest, null, 2).slice(0, -2);
  const list = chunks.map((c) => `    ${JSON.stringify(c)}`).join(',\n');
  return `${head},\n  "chunks": [\n${list}${chunks.length ? '\n' : ''}  ]\n}\n`;
}

export function parseManifest(text: string, expectedId?: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(
      `manifest${expectedId ? ` ${expectedId}` : ''} is not valid JSON: ${(error as Error).message}`,
    );
  }
  const manifest = validateManifest(value);
  if (expectedId !== undefined && manifest.id !== expectedId)
    throw new ManifestError(`manifest file ${expectedId} holds id ${manifest.id}`);
  return manifest;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Throws a ManifestError naming the first field that is wrong; returns the value typed. */
export function validateManifest(value: unknown): Manifest {
  const m = value as Partial<Manifest> | null;
  const fail = (why: string): never => {
    throw new ManifestError(`invalid manifest${typeof m?.id === 'string' ? ` ${m.id}` : ''}: ${why}`);
  };
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return fail('not an object');
  if (!READABLE_VERSIONS.includes(m.version)) fail(`unsupported version ${String(m.version)}`);
  if (typeof m.id !== 'string' || !isValidManifestId(m.id)) fail('bad id');
  if (typeof m.createdAt !== 'string' || Number.isNaN(Date.parse(m.createdAt))) fail('bad createdAt');
  if (!isCount(m.sizeBytes)) fail('sizeBytes must be a non-negative integer');
  if (typeof m.chunkSize !== 'number' || !isValidChunkSize(m.chunkSize))
    fail(`unsupported chunkSize ${String(m.chunkSize)}`);
  if (typeof m.digest !== 'string' || !HASH_RE.test(m.digest)) fail('digest must be 64 lowercase hex digits');
  if (!Array.isArray(m.chunks)) return fail('chunks must be an array');
  const expected = chunkCount(m.sizeBytes!, m.chunkSize!);
  if (m.chunks.length !== expected)
    fail(`${m.chunks.length} chunks listed, ${expected} expected for ${m.sizeBytes} bytes`);
  m.chunks.forEach((c, i) => {
    if (c !== null && (typeof c !== 'string' || !HASH_RE.test(c)))
      fail(`chunk ${i} is neither null nor a SHA-256 hex digest`);
  });
  for (const key of ['dataBytes', 'storedBytes', 'newBytes'] as const)
    if (!isCount(m[key])) fail(`${key} must be a non-negative integer`);
  if (m.version !== MANIFEST_VERSION && m.dataBytes !== dataBytesOf(m.chunks, m.sizeBytes!, m.chunkSize!))
    fail('dataBytes does not match the non-hole chunks');
  if (m.dataBytes! > m.sizeBytes!) fail('dataBytes exceeds sizeBytes');
  if (m.newBytes! > m.storedBytes!) fail('newBytes exceeds storedBytes');
  if (m.about !== undefined) {
    if (typeof m.about !== 'object' || m.about === null || Array.isArray(m.about)) fail('about must be an object');
    if (Buffer.byteLength(JSON.stringify(m.about)) > MAX_ABOUT_BYTES)
      fail(`about is larger than ${MAX_ABOUT_BYTES} bytes`);
  }
  return m as Manifest;
}
