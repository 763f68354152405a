import type { GcResult } from './backend/types';
import { referencedChunks } from './manifest';
import { readManifest } from './manifest-files';
import { storeOf, type StoreArg } from './store';

// Garbage collection: delete chunks that no manifest references. How it keeps from deleting a
// chunk a capture in progress relies on is the backend's part: the file handshake of
// backend/fs.ts, the leases of backend/objects.ts.

export type { GcResult } from './backend/types';

/** Removes every chunk referenced by no manifest and by no capture in progress. */
export async function collectGarbage(where: StoreArg): Promise<GcResult> {
  const store = await storeOf(where);
  // An unreadable manifest stops the collection: deleting the chunks it may reference would
  // turn a repairable file into lost data.
  return store.backend.collect(async () => {
    const live = new Set<string>();
    for (const id of await store.backend.manifestIds()) {
      for (const hash of referencedChunks(await readManifest(store, id))) live.add(store.nameOf(hash));
    }
    return live;
  });
}
