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
  // Manifests never change once written, so a second pass (backend/objects.ts) reads only the
  // ones that appeared since the first; the live set is always that of the manifests listed now.
  const names = new Map<string, string[]>();
  // An unreadable manifest stops the collection: deleting the chunks it may reference would
  // turn a repairable file into lost data.
  return store.backend.collect(async () => {
    const live = new Set<string>();
    for (const id of await store.backend.manifestIds()) {
      let ofManifest = names.get(id);
      if (!ofManifest) {
        ofManifest = [...referencedChunks(await readManifest(store, id))].map((hash) => store.nameOf(hash));
        names.set(id, ofManifest);
      }
      for (const name of ofManifest) live.add(name);
    }
    return live;
  });
}
