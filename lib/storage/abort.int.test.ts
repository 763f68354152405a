import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureDisk, closeChunkPool, collectGarbage, listManifestIds, manifestExists, restoreDisk } from './index';
import { listFiles, makeDisk, tempDir } from '@/tests/store-disks';

// Cancelling is safe at any point: no manifest, no journal, no temporary files, no target.

let dir: string;
let root: string;
let disk: string;

beforeAll(async () => {
  dir = await tempDir();
  root = path.join(dir, 'store');
  disk = path.join(dir, 'disk.img');
  await makeDisk(disk, ['random', 'text', 'random', 'hole', 'random', 'text', 'random', 'random', 'text', 'random']);
});

afterAll(async () => {
  await closeChunkPool();
  await fs.rm(dir, { recursive: true, force: true });
});

const leftovers = async () =>
  (await listFiles(root)).filter((f) => !/^chunks\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(f) && f !== 'lifeboat-store.json');

describe('abort', () => {
  it('stops a capture: no manifest, no journal, no temporary files', async () => {
    const controller = new AbortController();
    const capture = captureDisk(root, disk, 'cancelled', {
      signal: controller.signal,
      onProgress: (done) => {
        if (done >= 2 * 4 * 1024 * 1024) controller.abort();
      },
    });
    await expect(capture).rejects.toMatchObject({ name: 'AbortError' });
    expect(await manifestExists(root, 'cancelled')).toBe(false);
    expect(await leftovers()).toEqual([]);
    // Whatever it had already put in place is ordinary garbage.
    await collectGarbage(root);
    expect(await listFiles(root)).toEqual(['lifeboat-store.json']);
  });

  it('refuses to start with an already aborted signal', async () => {
    await expect(captureDisk(root, disk, 'never', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(await listManifestIds(root)).toEqual([]);
  });

  it('stops a restore without leaving the target', async () => {
    await captureDisk(root, disk, 'kept');
    const target = path.join(dir, 'out', 'disk.img');
    const controller = new AbortController();
    const restore = restoreDisk(root, 'kept', target, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(restore).rejects.toMatchObject({ name: 'AbortError' });
    expect(await listFiles(path.dirname(target))).toEqual([]);
  });
});
