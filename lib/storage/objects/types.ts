// The one small interface every chunk store sits on: an object store holding
// immutable objects by key. Two drivers: the local filesystem (the embedded default) and
// S3-compatible object storage. Keys are '/'-separated, relative, and never contain '..'.

/** An inclusive byte range, as HTTP's Range header counts it. */
export type ByteRange = { start: number; end: number };

/** A listed object: its key, size in bytes and when it was last written (ms since the epoch). */
export type ObjectInfo = { key: string; size: number; modifiedAt: number };

/** One page of a listing; `next` is the continuation to pass for the following page. */
export type ObjectPage = { keys: string[]; objects: ObjectInfo[]; next?: string };

export interface ObjectStore {
  /** Where the store is, for messages and logs (never a credential). */
  readonly location: string;
  /** Writes an object whole: readers see the old object or the new one, never part of it. */
  put(key: string, body: Uint8Array): Promise<void>;
  /** The object's bytes, or the range of them; ObjectNotFoundError when there is no such key. */
  get(key: string, range?: ByteRange): Promise<Buffer>;
  /** Reads the whole object into `into` without another copy: its length, or null when it is
   *  larger than `into` (nothing is read then). ObjectNotFoundError when there is no such key. */
  getInto(key: string, into: Buffer): Promise<number | null>;
  /** The object's size, or null when there is no such key. */
  head(key: string): Promise<{ size: number } | null>;
  /** Keys under a prefix in lexicographic order, a page at a time (at most `limit`, default 1000). */
  listPage(prefix: string, options?: { continuation?: string; limit?: number }): Promise<ObjectPage>;
  /** Deletes keys (missing ones are fine), in batches the backend accepts. */
  delete(keys: readonly string[]): Promise<void>;
}

export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No object ${key} in the store.`);
    this.name = 'ObjectNotFoundError';
  }
}

/** Refuses keys that could escape a prefix or a root folder. */
export function assertObjectKey(key: string): void {
  if (
    !key ||
    key.startsWith('/') ||
    key.endsWith('/') ||
    key.split('/').some((part) => part === '' || part === '.' || part === '..') ||
    /[\\\0]/.test(key)
  ) {
    throw new Error(`Not a valid object key: ${JSON.stringify(key)}.`);
  }
}

/** Every key under a prefix, page after page. */
export async function* listAll(store: ObjectStore, prefix: string): AsyncGenerator<string> {
  for await (const object of listObjects(store, prefix)) yield object.key;
}

/** Every object under a prefix with its size and time, page after page. */
export async function* listObjects(store: ObjectStore, prefix: string): AsyncGenerator<ObjectInfo> {
  let continuation: string | undefined;
  do {
    const page = await store.listPage(prefix, { continuation });
    yield* page.objects;
    continuation = page.next;
  } while (continuation);
}
