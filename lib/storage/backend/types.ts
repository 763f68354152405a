// What capture, restore, verify and GC need from the place a store's objects live. Two
// backends: a folder on this host (fs.ts: today's layout, direct I/O and batched fsyncs, the
// file-based capture/GC handshake of pending.ts) and any ObjectStore (objects.ts: S3, with
// uploads several at a time and leases in the database shared by every host). Chunks are named
// by chunkName() (seal.ts); a backend never sees a chunk's content hash unless they are equal.

/** youngChunks: unreferenced chunks kept because they are younger than the grace period (object
 *  stores); a collection after graceMs takes them. */
export type GcResult = {
  removedChunks: number;
  freedBytes: number;
  removedTempFiles: number;
  capturesInProgress: number;
  youngChunks?: number;
  graceMs?: number;
};

/** A capture in progress: it relies on chunks (lookup), writes the new ones, then ends. */
export interface CaptureSession {
  /** Called before the capture relies on chunk `name`, reused or written: its stored size if the
   *  store has it (it then stays until the capture ends), undefined if it must be written. */
  lookup(name: string): Promise<number | undefined>;
  /** Writes `length` bytes of `data` as chunk `name`; resolves once `data` may be reused. */
  write(name: string, data: Buffer, length: number): Promise<void>;
  /** Every chunk written is durable in the store: call before the manifest is written. */
  sync(): Promise<void>;
  /** Ends the capture (committed or not): waits for writes in flight, releases its claim. */
  end(committed: boolean): Promise<void>;
}

export interface Backend {
  /** Where the store is, for messages (never a credential). */
  readonly location: string;
  /** A folder the chunk worker may look into to skip compressing chunks the store has. */
  readonly workerChunksDir?: string;
  startCapture(manifestId: string, signal?: AbortSignal): Promise<CaptureSession>;
  /** Reads chunk `name` into `into`: its length, or why it cannot be used. */
  readChunk(name: string, into: Buffer): Promise<{ length: number } | { bad: string }>;
  /** The manifest's stored bytes; ManifestNotFoundError when there is none. */
  getManifest(id: string): Promise<Buffer>;
  /** Writes a manifest atomically and durably: the commit point of a capture. */
  putManifest(id: string, bytes: Buffer): Promise<void>;
  hasManifest(id: string): Promise<boolean>;
  /** False if there was none. */
  removeManifest(id: string): Promise<boolean>;
  /** Ids of every manifest, sorted. */
  manifestIds(): Promise<string[]>;
  /** Small named files beside the chunks (the store's description): null when absent. */
  getMeta(name: string): Promise<Buffer | null>;
  putMeta(name: string, bytes: Buffer): Promise<void>;
  /** Deletes every chunk that neither `liveNames()` nor a capture in progress needs. */
  collect(liveNames: () => Promise<Set<string>>): Promise<GcResult>;
  /** Every chunk name in the store with its stored size (check uses it). */
  chunkSizes(): Promise<Map<string, number>>;
}
