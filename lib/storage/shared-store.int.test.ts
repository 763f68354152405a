import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshBucket } from '@/tests/object-store';
import { ensureSwift, stopSwift } from '@/scripts/swift/start.mjs';
import {
  captureDisk,
  closeChunkPool,
  collectGarbage,
  deleteManifest,
  listManifestIds,
  manifestExists,
  openChunkStore,
  verifyManifest,
} from './index';
import { makeDisk, tempDir, type Stripe } from '@/tests/store-disks';

// An S3 store's protections, on the real Swift: the grace period, a collection that waits for a
// capture in progress, and the store going away in the middle of a capture.

const STRIPES: Stripe[] = [
  'random',
  'text',
  'random',
  'random',
  'text',
  'random',
  'random',
  'random',
  'random',
  'random',
];

let dir: string;
let disk: string;

beforeAll(async () => {
  dir = await tempDir('lifeboat-shared-');
  disk = path.join(dir, 'disk.img');
  await makeDisk(disk, STRIPES);
});

afterAll(async () => {
  await ensureSwift({ quiet: true });
  await closeChunkPool();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('an S3 store', () => {
  it('keeps unreferenced chunks younger than the grace period', async () => {
    const store = await openChunkStore((await freshBucket('lifeboat-grace')).objects());
    await captureDisk(store, disk, 'gone');
    await deleteManifest(store, 'gone');
    expect((await collectGarbage(store)).removedChunks).toBe(0);
  });

  it('makes a collection wait for a capture in progress, which keeps every chunk it relied on', async () => {
    const store = await openChunkStore((await freshBucket('lifeboat-lease')).objects(), { graceMs: 0 });
    await captureDisk(store, disk, 'old');
    await deleteManifest(store, 'old');
    await sleep(1100); // Swift's LastModified is rounded up to the second
    // A capture of the same disk reuses every chunk of the deleted manifest; it is held just
    // before its manifest is written while a collection starts.
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    let reachedCommit!: () => void;
    const atCommit = new Promise<void>((resolve) => (reachedCommit = resolve));
    const capture = captureDisk(store, disk, 'new', {
      beforeCommit: async () => {
        reachedCommit();
        await held;
      },
    });
    await atCommit;
    let collected = false;
    const gc = collectGarbage(store).then((r) => ((collected = true), r));
    await sleep(500);
    expect(collected).toBe(false);
    letGo();
    const manifest = await capture;
    const result = await gc;
    expect(result.capturesInProgress).toBe(1);
    expect(result.removedChunks).toBe(0);
    expect(manifest.newBytes).toBe(0);
    expect((await verifyManifest(store, 'new')).ok).toBe(true);
  });

  it('fails a capture cleanly when the object store stops, and the next capture succeeds', async () => {
    const bucket = await freshBucket('lifeboat-fault');
    const store = await openChunkStore(bucket.objects());
    let stopped: Promise<void> | undefined;
    const capture = captureDisk(store, disk, 'interrupted', {
      onProgress: (done) => {
        if (done >= 3 * 4 * 1024 * 1024) stopped ??= stopSwift();
      },
    });
    await expect(capture).rejects.toThrow();
    await stopped;
    await ensureSwift({ quiet: true });
    expect(await manifestExists(store, 'interrupted')).toBe(false);
    expect(await listManifestIds(store)).toEqual([]);
    const again = await captureDisk(store, disk, 'interrupted');
    expect(again.chunks.filter(Boolean)).toHaveLength(STRIPES.length);
    expect((await verifyManifest(store, 'interrupted')).ok).toBe(true);
  }, 120_000);
});
