import path from 'node:path';

// Where things live inside a store root. One function per kind of path so capture, restore and GC
// never disagree; chunk-worker.mjs repeats the chunk path rule (it cannot import TypeScript).
//
//   <root>/chunks/<hh>/<sha256>     zstd frames, hh = first two hex digits (256 directories)
//   <root>/manifests/<id>.json      one per image or backup, written last
//   <root>/pending/<id>.journal     a capture in progress and the chunks it relies on (see gc.ts)
//   <root>/gc.lock                  held while a garbage collection runs

export const HASH_RE = /^[0-9a-f]{64}$/;
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function isValidManifestId(id: string): boolean {
  return ID_RE.test(id) && !id.includes('..');
}

/** Ids become file names: refuse anything that could escape the store or hide as a dotfile. */
export function assertManifestId(id: string): void {
  if (!isValidManifestId(id))
    throw new TypeError(
      `invalid manifest id ${JSON.stringify(id)}: use 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit`,
    );
}

export function chunksDir(root: string): string {
  return path.join(root, 'chunks');
}

export function chunkDir(root: string, hash: string): string {
  return path.join(root, 'chunks', hash.slice(0, 2));
}

export function chunkPath(root: string, hash: string): string {
  return path.join(root, 'chunks', hash.slice(0, 2), hash);
}

export function manifestsDir(root: string): string {
  return path.join(root, 'manifests');
}

export function manifestPath(root: string, id: string): string {
  assertManifestId(id);
  return path.join(root, 'manifests', `${id}.json`);
}

export function pendingDir(root: string): string {
  return path.join(root, 'pending');
}

export function pendingPath(root: string, id: string): string {
  return path.join(root, 'pending', `${id}.journal`);
}

export function gcLockPath(root: string): string {
  return path.join(root, 'gc.lock');
}

/** Temporary names start with ".tmp-" so GC and listings can tell them from finished files. */
export const TEMP_PREFIX = '.tmp-';

export function tempPathFor(file: string): string {
  const rand = Math.random().toString(36).slice(2, 10);
  return path.join(path.dirname(file), `${TEMP_PREFIX}${path.basename(file)}-${process.pid}-${rand}`);
}
