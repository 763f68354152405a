import { captureDisk, type CaptureOptions } from './capture';
import { digestFile } from './digest';
import { collectGarbage } from './gc';
import { deleteManifest, listManifestIds, manifestExists, readManifest } from './manifest-files';
import { restoreDisk, verifyManifest, type RestoreOptions } from './restore';

// The chunk store: disks captured as deduplicated, compressed 4 MiB chunks plus a manifest per
// capture, restored as verified sparse files. Every function takes the store's root directory;
// openStore binds one root for callers that prefer an object. Server code only: it touches the
// filesystem and starts worker threads (lib/storage/chunk-worker.mjs, found from process.cwd()).

export { captureDisk, type CaptureOptions } from './capture';
export { CHUNK_SIZE, chunkCount, chunkRange, isAllZero } from './chunking';
export { digestFile } from './digest';
export { collectGarbage, type GcResult } from './gc';
export { assertManifestId, isValidManifestId } from './layout';
export { ManifestError, parseManifest, serializeManifest, validateManifest, type Manifest } from './manifest';
export { deleteManifest, listManifestIds, manifestExists, ManifestNotFoundError, readManifest } from './manifest-files';
export type { Progress } from './pipeline';
export { closeChunkPool } from './pool';
export { ChunkError, type BadChunk } from './read-chunks';
export { DigestMismatchError, restoreDisk, verifyManifest, type RestoreOptions, type VerifyResult } from './restore';

/** A store bound to its root directory. */
export function openStore(root: string) {
  return {
    root,
    capture: (diskPath: string, manifestId: string, opts?: CaptureOptions) => captureDisk(root, diskPath, manifestId, opts),
    restore: (manifestId: string, targetPath: string, opts?: RestoreOptions) => restoreDisk(root, manifestId, targetPath, opts),
    verify: (manifestId: string, opts?: RestoreOptions) => verifyManifest(root, manifestId, opts),
    read: (manifestId: string) => readManifest(root, manifestId),
    exists: (manifestId: string) => manifestExists(root, manifestId),
    delete: (manifestId: string) => deleteManifest(root, manifestId),
    list: () => listManifestIds(root),
    collectGarbage: () => collectGarbage(root),
    digestFile,
  };
}

export type Store = ReturnType<typeof openStore>;
