import { setTimeout as sleep } from 'node:timers/promises';

// Who may touch a store that several processes (or hosts) share. A capture relies on chunks
// being there until its manifest is written; a collection deletes chunks no manifest names. On an
// object store there is no file lock and no conditional PUT to build one from, so the two are kept
// apart by leases held where every host can see them: captures share a store, a collection holds
// it alone. A collection waits for the captures running when it starts, and captures that start
// meanwhile wait for it: it runs in seconds, and neither side can starve the other.
//
// localCoordinator() is the single-process form (tests, the benchmark, scripts); the app passes
// the database's (lib/providers/store-leases.ts), the thing every host shares.

export type Lease = { release(): Promise<void> };

export interface StoreCoordinator {
  /** Claims `store` for a capture; waits while a collection holds it. */
  beginCapture(store: string, manifestId: string, signal?: AbortSignal): Promise<Lease>;
  /** Claims `store` alone: waits for another collection and for the captures in progress. */
  beginCollection(store: string, signal?: AbortSignal): Promise<Lease & { capturesWaitedFor: number }>;
}

export class StoreBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreBusyError';
  }
}

const POLL_MS = 50;

type Claims = { captures: Set<string>; collecting: boolean };
const local = new Map<string, Claims>();

function claims(store: string): Claims {
  let c = local.get(store);
  if (!c) local.set(store, (c = { captures: new Set(), collecting: false }));
  return c;
}

/** In-process leases: right for one process, blind to any other. */
export function localCoordinator(): StoreCoordinator {
  return {
    async beginCapture(store, manifestId, signal) {
      const c = claims(store);
      if (c.captures.has(manifestId)) throw new StoreBusyError(`A capture of ${manifestId} is already in progress.`);
      while (c.collecting) {
        signal?.throwIfAborted();
        await sleep(POLL_MS);
      }
      c.captures.add(manifestId);
      return { release: async () => void c.captures.delete(manifestId) };
    },
    async beginCollection(store, signal) {
      const c = claims(store);
      while (c.collecting) {
        signal?.throwIfAborted();
        await sleep(POLL_MS);
      }
      c.collecting = true;
      const waited = c.captures.size;
      while (c.captures.size) await sleep(POLL_MS);
      return { capturesWaitedFor: waited, release: async () => void (c.collecting = false) };
    },
  };
}
