import fs from 'node:fs/promises';
import path from 'node:path';
import { chunksDir, HASH_RE, manifestsDir, TEMP_PREFIX } from './layout';
import { parseManifest, referencedChunks } from './manifest';
import { acquireGcLock, liveJournalHashes, STALE_MS } from './pending';

// Garbage collection: delete chunks that no manifest references.
//
// The race to avoid: a capture decides to reuse chunk X because it exists (dedup), but X belongs
// only to a deleted manifest; GC deletes X; the capture then writes a manifest pointing at a missing
// chunk. Grace periods on mtimes do not close it (X can be old), so the two sides follow a
// Dekker-style handshake on files, where each side writes its flag first and then reads the other's:
//
//   capture, for every chunk X:  append X to pending/<id>.journal  ->  if gc.lock exists, wait for
//                                it to go  ->  stat X (reuse it if present, write it if not)
//   GC:                          create gc.lock  ->  read every journal  ->  read every manifest
//                                ->  delete chunks in neither  ->  remove gc.lock
//
// Either GC's journal read comes after the capture's append (X is protected), or the append
// comes after GC's journal read, which is after gc.lock was created: then the capture sees the lock
// and only looks at X once GC has finished (if X is gone it writes X again). Chunks a capture writes
// are journaled before they are written, so they are protected the same way.
//
// Journals are read before manifests: a capture writes its manifest and then removes its journal,
// so a journal found missing means its manifest is already there for the read that follows.
// A killed capture leaves a journal behind; it is ignored once its process is gone (same host:
// its pid is free or now names a later process, see process-identity.ts) or its heartbeat is
// STALE_MS old, and the chunks it wrote become ordinary garbage.

export type GcResult = { removedChunks: number; freedBytes: number; removedTempFiles: number; capturesInProgress: number };

/** Removes every chunk referenced by no manifest and by no capture in progress. */
export async function collectGarbage(root: string): Promise<GcResult> {
  await fs.mkdir(root, { recursive: true });
  const release = await acquireGcLock(root);
  try {
    const { hashes: live, captures } = await liveJournalHashes(root);
    for (const name of await fs.readdir(manifestsDir(root)).catch(() => [] as string[])) {
      if (!name.endsWith('.json') || name.startsWith(TEMP_PREFIX)) continue;
      const id = name.slice(0, -'.json'.length);
      // An unreadable manifest stops the collection: deleting the chunks it may reference would
      // turn a repairable file into lost data.
      const manifest = parseManifest(await fs.readFile(path.join(manifestsDir(root), name), 'utf8'), id);
      for (const hash of referencedChunks(manifest)) live.add(hash);
    }
    const result: GcResult = { removedChunks: 0, freedBytes: 0, removedTempFiles: 0, capturesInProgress: captures };
    const now = Date.now();
    for (const sub of await fs.readdir(chunksDir(root)).catch(() => [] as string[])) {
      const dir = path.join(chunksDir(root), sub);
      for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
        const file = path.join(dir, name);
        if (HASH_RE.test(name)) {
          if (live.has(name)) continue;
          const { size } = await fs.stat(file);
          await fs.rm(file, { force: true });
          result.removedChunks++;
          result.freedBytes += size;
        } else if (name.startsWith(TEMP_PREFIX)) {
          // A temporary chunk of a capture that died mid-write; live ones are seconds old.
          const stat = await fs.stat(file).catch(() => null);
          if (stat && now - stat.mtimeMs > STALE_MS) {
            await fs.rm(file, { force: true });
            result.removedTempFiles++;
          }
        }
      }
    }
    return result;
  } finally {
    await release();
  }
}
