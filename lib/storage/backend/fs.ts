import fs from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir, writeFileAtomic } from '../atomic';
import { ChunkWriter, readChunkFile, storedChunkSize } from '../chunk-files';
import { chunksDir, HASH_RE, manifestPath, manifestsDir, TEMP_PREFIX } from '../layout';
import { ManifestNotFoundError } from '../manifest-files';
import { acquireGcLock, CaptureJournal, liveJournalHashes, STALE_MS, waitWhileGcRuns } from '../pending';
import type { Backend, CaptureSession, GcResult } from './types';

// A store in a folder on this host: the embedded default, exactly as before object stores
// (layout.ts has the folders; chunk-files.ts the batched, direct-I/O writes; pending.ts and the
// comment below the handshake that keeps GC from deleting a chunk a capture relies on).
//
// GC, the race to avoid: a capture decides to reuse chunk X because it exists (dedup), but X
// belongs only to a deleted manifest; GC deletes X; the capture then writes a manifest pointing at
// a missing chunk. Grace periods on mtimes do not close it (X can be old), so the two sides follow
// a Dekker-style handshake on files, where each side writes its flag first and then reads the other's:
//
//   capture, for every chunk X:  append X to pending/<id>.journal  ->  if gc.lock exists, wait for
//                                it to go  ->  stat X (reuse it if present, write it if not)
//   GC:                          create gc.lock  ->  read every journal  ->  read every manifest
//                                ->  delete chunks in neither  ->  remove gc.lock
//
// Either GC's journal read comes after the capture's append (X is protected), or the append comes
// after GC's journal read, which is after gc.lock was created: then the capture sees the lock and
// only looks at X once GC has finished (if X is gone it writes X again). Journals are read before
// manifests: a capture writes its manifest and then removes its journal, so a journal found missing
// means its manifest is already there for the read that follows. A killed capture's journal is
// ignored once its process is gone (process-identity.ts) or its heartbeat is STALE_MS old.
// The folder belongs to one host: several hosts share a store through an object store instead.

export function fsBackend(root: string): Backend {
  return {
    location: root,
    workerChunksDir: chunksDir(root),

    async startCapture(manifestId, signal) {
      await fs.mkdir(chunksDir(root), { recursive: true });
      const journal = await CaptureJournal.open(root, manifestId);
      const writer = new ChunkWriter(root);
      const session: CaptureSession = {
        async lookup(name) {
          journal.add(name);
          await waitWhileGcRuns(root, signal);
          writer.reference(name);
          return storedChunkSize(root, name);
        },
        write: (name, data, length) => writer.write(name, data, length),
        sync: () => writer.sync(),
        async end(committed) {
          if (!committed) await writer.discard();
          await journal.close();
        },
      };
      return session;
    },

    readChunk: (name, into) => readChunkFile(root, name, into),

    async getManifest(id) {
      try {
        return await fs.readFile(manifestPath(root, id));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ManifestNotFoundError(id);
        throw error;
      }
    },

    async putManifest(id, bytes) {
      await fs.mkdir(manifestsDir(root), { recursive: true });
      await writeFileAtomic(manifestPath(root, id), bytes, { syncDir: true });
    },

    async hasManifest(id) {
      return fs.access(manifestPath(root, id)).then(
        () => true,
        () => false,
      );
    },

    async removeManifest(id) {
      try {
        await fs.unlink(manifestPath(root, id));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
      await fsyncDir(manifestsDir(root));
      return true;
    },

    async manifestIds() {
      const names = await fs.readdir(manifestsDir(root)).catch(() => [] as string[]);
      return names
        .filter((n) => n.endsWith('.json') && !n.startsWith(TEMP_PREFIX))
        .map((n) => n.slice(0, -'.json'.length))
        .sort();
    },

    async getMeta(name) {
      return fs.readFile(path.join(root, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
    },

    async putMeta(name, bytes) {
      await fs.mkdir(root, { recursive: true });
      await writeFileAtomic(path.join(root, name), bytes, { syncDir: true });
    },

    async collect(liveNames) {
      await fs.mkdir(root, { recursive: true });
      const release = await acquireGcLock(root);
      try {
        const { hashes: live, captures } = await liveJournalHashes(root);
        for (const name of await liveNames()) live.add(name);
        const result: GcResult = { removedChunks: 0, freedBytes: 0, removedTempFiles: 0, capturesInProgress: captures };
        const now = Date.now();
        await eachChunkFile(root, async (file, name) => {
          if (HASH_RE.test(name)) {
            if (live.has(name)) return;
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
        });
        return result;
      } finally {
        await release();
      }
    },

    async chunkSizes() {
      const sizes = new Map<string, number>();
      await eachChunkFile(root, async (file, name) => {
        if (HASH_RE.test(name)) sizes.set(name, (await fs.stat(file)).size);
      });
      return sizes;
    },
  };
}

async function eachChunkFile(root: string, fn: (file: string, name: string) => Promise<void>): Promise<void> {
  for (const sub of await fs.readdir(chunksDir(root)).catch(() => [] as string[])) {
    const dir = path.join(chunksDir(root), sub);
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) await fn(path.join(dir, name), name);
  }
}
