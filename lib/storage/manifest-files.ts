import { assertManifestId } from './layout';
import type { Manifest } from './manifest';
import { storeOf, type StoreArg } from './store';

// Manifests in a store. Writing one is the commit point of a capture (capture.ts), atomic and
// durable on every backend: after a crash a manifest is either fully there or absent.

export class ManifestNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`manifest ${id} not found`);
    this.name = 'ManifestNotFoundError';
  }
}

export async function readManifest(where: StoreArg, id: string): Promise<Manifest> {
  assertManifestId(id);
  const store = await storeOf(where);
  return store.decodeManifest(await store.backend.getManifest(id), id);
}

export async function manifestExists(where: StoreArg, id: string): Promise<boolean> {
  assertManifestId(id);
  return (await storeOf(where)).backend.hasManifest(id);
}

/** Removes a manifest (its chunks stay until collectGarbage). Returns false if it did not exist. */
export async function deleteManifest(where: StoreArg, id: string): Promise<boolean> {
  assertManifestId(id);
  return (await storeOf(where)).backend.removeManifest(id);
}

/** Ids of every manifest in the store, sorted. */
export async function listManifestIds(where: StoreArg): Promise<string[]> {
  return (await storeOf(where)).backend.manifestIds();
}
