import type { StoreCoordinator } from '../coordinator';
import { HASH_RE } from '../layout';
import { ManifestNotFoundError } from '../manifest-files';
import { listObjects, ObjectNotFoundError, type ObjectStore } from '../objects';
import { Semaphore } from '../slots';
import type { Backend, CaptureSession, GcResult } from './types';

// A store on an object store (S3 and the like), laid out as the folder store is:
//   chunks/<hh>/<name>    manifests/<id>.json    lifeboat-store.json (store.ts)
// Every PUT is atomic on S3, so no temporary objects exist and a listed chunk is complete.
//
// Captures and collections are kept apart by leases (coordinator.ts) rather than per-chunk
// journals: an object store cannot append to a journal, and a round trip per chunk would cost
// more than the chunk. So a capture lists the chunks once when it starts (what it finds stays
// until it ends: no collection runs meanwhile) and uploads the rest, several at a time.
// A collection deletes in a second pass, and only chunks older than a grace period: a host
// whose lease lapsed while it kept writing (a paused VM) does not lose the chunks it just wrote.

/** Chunk uploads in flight per capture: enough to hide an object store's latency; memory is
 *  bounded by the capture's spare regions (slots.ts), which each upload holds until it is done. */
const UPLOADS = 8;
/** Chunks younger than this are never collected (see above); longer than a lease's staleness. */
const GRACE_MS = 15 * 60 * 1000;

const chunkKey = (name: string) => `chunks/${name.slice(0, 2)}/${name}`;
const manifestKey = (id: string) => `manifests/${id}.json`;

export type ObjectBackendOptions = {
  /** The store's identity for leases: the same for every host that shares it. */
  identity: string;
  coordinator: StoreCoordinator;
  graceMs?: number;
};

export function objectBackend(objects: ObjectStore, options: ObjectBackendOptions): Backend {
  const { identity, coordinator } = options;
  const graceMs = options.graceMs ?? GRACE_MS;

  const listChunks = async () => {
    const found = new Map<string, { size: number; modifiedAt: number }>();
    for await (const o of listObjects(objects, 'chunks/')) {
      const name = o.key.slice(o.key.lastIndexOf('/') + 1);
      if (HASH_RE.test(name) && o.key === chunkKey(name)) found.set(name, o);
    }
    return found;
  };

  return {
    location: objects.location,

    async startCapture(manifestId, signal) {
      const lease = await coordinator.beginCapture(identity, manifestId, signal);
      let stored: Map<string, { size: number }>;
      try {
        stored = await listChunks();
      } catch (error) {
        await lease.release();
        throw error;
      }
      const uploads = new Semaphore(UPLOADS);
      const inflight = new Set<Promise<void>>();
      let failure: { error: unknown } | undefined;
      const session: CaptureSession = {
        async lookup(name) {
          return stored.get(name)?.size;
        },
        write(name, data, length) {
          const upload = uploads.run(async () => {
            signal?.throwIfAborted();
            await objects.put(chunkKey(name), data.subarray(0, length));
            stored.set(name, { size: length });
          });
          const tracked = upload
            .catch((error: unknown) => void (failure ??= { error }))
            .finally(() => inflight.delete(tracked));
          inflight.add(tracked);
          return upload;
        },
        async sync() {
          while (inflight.size) await Promise.all(inflight);
          if (failure) throw failure.error;
        },
        async end() {
          // Uploads in flight finish or fail before the lease goes: a collection must not start
          // while a chunk this capture relies on is still arriving.
          while (inflight.size) await Promise.all(inflight);
          await lease.release();
        },
      };
      return session;
    },

    async readChunk(name, into) {
      let length: number | null;
      try {
        length = await objects.getInto(chunkKey(name), into);
      } catch (error) {
        if (error instanceof ObjectNotFoundError) return { bad: 'missing from the store' };
        throw error;
      }
      if (length === null) return { bad: 'stored object is larger than any valid chunk' };
      return { length };
    },

    async getManifest(id) {
      try {
        return await objects.get(manifestKey(id));
      } catch (error) {
        if (error instanceof ObjectNotFoundError) throw new ManifestNotFoundError(id);
        throw error;
      }
    },
    putManifest: (id, bytes) => objects.put(manifestKey(id), bytes),
    hasManifest: async (id) => (await objects.head(manifestKey(id))) !== null,
    async removeManifest(id) {
      if (!(await objects.head(manifestKey(id)))) return false;
      await objects.delete([manifestKey(id)]);
      return true;
    },
    async manifestIds() {
      const ids: string[] = [];
      for await (const o of listObjects(objects, 'manifests/')) {
        const rest = o.key.slice('manifests/'.length);
        if (rest.endsWith('.json') && !rest.includes('/')) ids.push(rest.slice(0, -'.json'.length));
      }
      return ids.sort();
    },

    async getMeta(name) {
      return objects.get(name).catch((error: unknown) => {
        if (error instanceof ObjectNotFoundError) return null;
        throw error;
      });
    },
    putMeta: (name, bytes) => objects.put(name, bytes),

    async collect(liveNames) {
      const lease = await coordinator.beginCollection(identity);
      try {
        const first = await liveNames();
        const cutoff = Date.now() - graceMs;
        const unreferenced = [...(await listChunks())].filter(([name]) => !first.has(name));
        const candidates = unreferenced.filter(([, o]) => o.modifiedAt < cutoff);
        // Second pass: a manifest that appeared since the first read still protects its chunks.
        const again = candidates.length ? await liveNames() : first;
        const doomed = candidates.filter(([name]) => !again.has(name));
        await objects.delete(doomed.map(([name]) => chunkKey(name)));
        const result: GcResult = {
          removedChunks: doomed.length,
          freedBytes: doomed.reduce((sum, [, o]) => sum + o.size, 0),
          removedTempFiles: 0,
          capturesInProgress: lease.capturesWaitedFor,
          youngChunks: unreferenced.length - candidates.length,
          graceMs,
        };
        return result;
      } finally {
        await lease.release();
      }
    },

    async chunkSizes() {
      return new Map([...(await listChunks())].map(([name, o]) => [name, o.size]));
    },
  };
}
