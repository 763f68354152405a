import { captureDisk, type CaptureOptions } from './capture';
import { digestFile } from './digest';
import { collectGarbage } from './gc';
import { deleteManifest, listManifestIds, manifestExists, readManifest } from './manifest-files';
import { restoreDisk, verifyManifest, type RestoreOptions } from './restore';
import { openChunkStore, type OpenStoreOptions, type OpenedStore } from './store';
import type { ObjectStore } from './objects';

// The chunk store: disks captured as deduplicated, compressed 4 MiB chunks plus a manifest per
// capture, restored as verified sparse files. The store is a folder on this host or an object
// store (store.ts), optionally encrypted (seal.ts). Every function takes an opened store, or a
// folder for a plain folder store; openStore binds one for callers that prefer an object. Server
// code only: it touches the filesystem and starts worker threads (lib/storage/chunk-worker.mjs,
// found from process.cwd()).

export { captureDisk, type CaptureOptions } from './capture';
export { CHUNK_SIZE } from './chunking';
export type { Lease, StoreCoordinator } from './coordinator';
export { digestFile } from './digest';
export { collectGarbage, type GcResult } from './gc';
export type { Manifest, ManifestAbout } from './manifest';
export { deleteManifest, listManifestIds, manifestExists, readManifest } from './manifest-files';
export type { Progress } from './pipeline';
export { closeChunkPool } from './pool';
export { readChunksInOrder, type OrderedChunk } from './ordered-read';
export { ChunkError, type BadChunk } from './read-chunks';
export { DigestMismatchError, restoreDisk, verifyManifest, type RestoreOptions, type VerifyResult } from './restore';
export { generateStoreKey } from './seal';
export { openChunkStore, StoreKeyError, type OpenStoreOptions, type OpenedStore } from './store';

/** A store bound once: a folder, or an object store with its options. */
export async function openStore(where: string | ObjectStore, options?: OpenStoreOptions) {
  const store: OpenedStore = await openChunkStore(where, options);
  return {
    location: store.location,
    encrypted: store.keys !== undefined,
    opened: store,
    capture: (diskPath: string, manifestId: string, opts?: CaptureOptions) =>
      captureDisk(store, diskPath, manifestId, opts),
    restore: (manifestId: string, targetPath: string, opts?: RestoreOptions) =>
      restoreDisk(store, manifestId, targetPath, opts),
    verify: (manifestId: string, opts?: RestoreOptions) => verifyManifest(store, manifestId, opts),
    read: (manifestId: string) => readManifest(store, manifestId),
    exists: (manifestId: string) => manifestExists(store, manifestId),
    delete: (manifestId: string) => deleteManifest(store, manifestId),
    list: () => listManifestIds(store),
    collectGarbage: () => collectGarbage(store),
    digestFile,
  };
}

export type Store = Awaited<ReturnType<typeof openStore>>;
