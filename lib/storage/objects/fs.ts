import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { assertObjectKey, ObjectNotFoundError, type ByteRange, type ObjectPage, type ObjectStore } from './types';

// The embedded default: objects are files under a root folder, a key's '/' a subfolder. A put
// writes a temporary file beside the target, syncs it and renames it into place, so a crash
// leaves either the old object or the new one (and a temporary file that is not a key).

const TEMP = '.tmp-';

export function fileObjectStore(root: string): ObjectStore {
  const file = (key: string) => {
    assertObjectKey(key);
    return path.join(root, ...key.split('/'));
  };
  return {
    location: root,
    async put(key, body) {
      const target = file(key);
      await fs.mkdir(path.dirname(target), { recursive: true });
      const temp = path.join(path.dirname(target), `${TEMP}${randomBytes(6).toString('hex')}`);
      const handle = await fs.open(temp, 'wx');
      try {
        await handle.writeFile(body);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, target);
    },
    async get(key, range?: ByteRange) {
      const target = file(key);
      const handle = await fs.open(target, 'r').catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'ENOENT' ? new ObjectNotFoundError(key) : error;
      });
      try {
        if (!range) return await handle.readFile();
        const size = (await handle.stat()).size;
        const end = Math.min(range.end, size - 1);
        const out = Buffer.alloc(Math.max(0, end - range.start + 1));
        if (out.length) await handle.read(out, 0, out.length, range.start);
        return out;
      } finally {
        await handle.close();
      }
    },
    async getInto(key, into) {
      const handle = await fs.open(file(key), 'r').catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'ENOENT' ? new ObjectNotFoundError(key) : error;
      });
      try {
        const { size } = await handle.stat();
        if (size > into.length) return null;
        if (size) await handle.read(into, 0, size, 0);
        return size;
      } finally {
        await handle.close();
      }
    },
    async head(key) {
      const stat = await fs.stat(file(key)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      return stat?.isFile() ? { size: stat.size } : null;
    },
    async listPage(prefix, options = {}): Promise<ObjectPage> {
      const limit = options.limit ?? 1000;
      // Only the folder the prefix names is walked, not the whole store.
      const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
      if (folder) assertObjectKey(folder);
      const keys = (await walk(root, folder))
        .filter((k) => k.startsWith(prefix) && (!options.continuation || k > options.continuation))
        .sort();
      const page = keys.slice(0, limit);
      const stats = await Promise.all(page.map((key) => fs.stat(file(key)).catch(() => null)));
      const objects = page.flatMap((key, i) =>
        stats[i] ? [{ key, size: stats[i].size, modifiedAt: stats[i].mtimeMs }] : [],
      );
      return { keys: objects.map((o) => o.key), objects, next: keys.length > limit ? page.at(-1) : undefined };
    },
    async delete(keys) {
      await Promise.all(keys.map((key) => fs.rm(file(key), { force: true })));
    },
  };
}

/** Every key under a folder (temporary files left by a crash are not keys). */
async function walk(root: string, relative: string): Promise<string[]> {
  const entries = await fs
    .readdir(path.join(root, relative), { withFileTypes: true })
    .catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const key = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return walk(root, key);
      return entry.isFile() && !entry.name.startsWith(TEMP) ? [key] : [];
    }),
  );
  return nested.flat();
}
