import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshBucket } from '@/tests/object-store';
import {
  captureDisk,
  closeChunkPool,
  collectGarbage,
  deleteManifest,
  digestFile,
  generateStoreKey,
  listManifestIds,
  openChunkStore,
  readManifest,
  restoreDisk,
  StoreKeyError,
  verifyManifest,
  type OpenedStore,
} from './index';
import { listAll, type ObjectStore } from './objects';
import { fileObjectStore } from './objects/fs';
import { makeDisk, tempDir, textStripe, type Stripe } from '@/tests/store-disks';

// Capture -> restore -> verify -> GC on every kind of store: a folder on this host and S3 (the
// real Swift on loopback), each plain and encrypted. The same assertions for all four: the
// store's backend must not change what a user gets back.

const STRIPES: Stripe[] = ['random', 'text', 'hole', 'text', { copyOf: 0 }, 'random', 'hole', 'text'];
const TAIL = 1024 * 1024 + 123;

// settle(): Swift reports LastModified rounded up to the next second, so a chunk written this
// instant looks up to a second younger than it is; waiting that out lets graceMs 0 mean "now".
type Driver = {
  name: string;
  open: (key?: Buffer) => Promise<OpenedStore>;
  raw: () => ObjectStore;
  settle: () => Promise<void>;
};

let dir: string;
let diskA: string;
let diskB: string;

async function folderDriver(name: string): Promise<Driver> {
  const root = path.join(dir, name);
  return {
    name,
    open: (key) => openChunkStore(root, { key }),
    raw: () => fileObjectStore(root),
    settle: async () => {},
  };
}

async function s3Driver(name: string): Promise<Driver> {
  const bucket = await freshBucket(`lifeboat-flows-${name}`);
  // graceMs 0: this test deletes what it just wrote (the grace period has its own test).
  return {
    name,
    open: (key) => openChunkStore(bucket.objects(), { key, graceMs: 0 }),
    raw: () => bucket.objects(),
    settle: () => sleep(1100),
  };
}

beforeAll(async () => {
  dir = await tempDir('lifeboat-flows-');
  diskA = path.join(dir, 'a.img');
  diskB = path.join(dir, 'b.img');
  await makeDisk(diskA, STRIPES, TAIL);
  // B: A with one text stripe changed, so a capture of B shares all but one chunk with A.
  await fs.copyFile(diskA, diskB);
  const handle = await fs.open(diskB, 'r+');
  await handle.write(textStripe(99), 0, textStripe(99).length, 3 * 4 * 1024 * 1024);
  await handle.close();
}, 120_000);

afterAll(async () => {
  await closeChunkPool();
  await fs.rm(dir, { recursive: true, force: true });
});

const kinds: [string, boolean, (name: string) => Promise<Driver>][] = [
  ['a folder', false, folderDriver],
  ['a folder, encrypted', true, folderDriver],
  ['S3 on Swift', false, s3Driver],
  ['S3 on Swift, encrypted', true, s3Driver],
];

describe.each(kinds)('on %s', (label, encrypted, make) => {
  let driver: Driver;
  let store: OpenedStore;
  const key = encrypted ? generateStoreKey() : undefined;

  beforeAll(async () => {
    driver = await make(label.replace(/[^a-z0-9]+/gi, '-').toLowerCase());
    store = await driver.open(key);
  }, 120_000);

  it('captures with live progress, restores byte-identical, verifies, and deduplicates the next capture', async () => {
    const progress: number[] = [];
    const about = { kind: 'image', label: 'web-golden', instance: { id: 'i1', label: 'web-1', region: 'eu-central' } };
    const a = await captureDisk(store, diskA, 'img-a', { about, onProgress: (done) => progress.push(done) });
    expect(progress.length).toBeGreaterThanOrEqual(STRIPES.length);
    expect(progress.at(-1)).toBe(a.sizeBytes);
    expect(a.digest).toBe(await digestFile(diskA));
    expect((await readManifest(store, 'img-a')).about).toEqual(about);

    const target = path.join(dir, `${driver.name}-restored.img`);
    expect(await restoreDisk(store, 'img-a', target)).toEqual({ digest: a.digest, sizeBytes: a.sizeBytes });
    expect((await fs.readFile(target)).equals(await fs.readFile(diskA))).toBe(true);
    expect(await verifyManifest(store, 'img-a')).toEqual({ ok: true, badChunks: [], digestMatches: true });

    const b = await captureDisk(store, diskB, 'img-b');
    expect(b.newBytes).toBeGreaterThan(0);
    expect(b.newBytes).toBeLessThan(a.newBytes / 10);
    expect(await listManifestIds(store)).toEqual(['img-a', 'img-b']);
  });

  it('collects only what no manifest needs, and what is left still restores', async () => {
    expect((await collectGarbage(store)).removedChunks).toBe(0);
    await deleteManifest(store, 'img-b');
    await driver.settle();
    const gc = await collectGarbage(store);
    expect(gc.removedChunks).toBe(1); // the one chunk only B had
    expect(gc.freedBytes).toBeGreaterThan(0);
    expect((await verifyManifest(store, 'img-a')).ok).toBe(true);
    await deleteManifest(store, 'img-a');
    await collectGarbage(store);
    const left = [];
    for await (const k of listAll(driver.raw(), 'chunks/')) left.push(k);
    expect(left).toEqual([]);
  });

  it('reports a damaged chunk instead of restoring it', async () => {
    await captureDisk(store, diskA, 'img-c');
    const [victim] = await keys(driver.raw(), 'chunks/');
    const raw = driver.raw();
    const bytes = await raw.get(victim);
    bytes[bytes.length >> 1] ^= 0xff;
    await raw.put(victim, bytes);
    const result = await verifyManifest(store, 'img-c');
    expect(result.ok).toBe(false);
    // One damaged object: every place the disk uses that chunk (stripe 4 repeats stripe 0) is bad.
    expect(new Set(result.badChunks.map((b) => b.hash)).size).toBe(1);
    expect(result.badChunks.length).toBeGreaterThanOrEqual(1);
    expect(result.badChunks[0].reason).toEqual(
      encrypted ? expect.stringMatching(/does not decrypt with this store’s key/) : expect.stringMatching(/corrupt/),
    );
    await expect(restoreDisk(store, 'img-c', path.join(dir, `${driver.name}-bad.img`))).rejects.toThrow(/chunk \d+/);
    await expect(fs.access(path.join(dir, `${driver.name}-bad.img`))).rejects.toThrow();
  });

  if (encrypted) {
    it('keeps content, shared chunks and descriptions from whoever holds the store', async () => {
      await captureDisk(store, diskA, 'img-secret', { about: { label: 'payroll-db' } });
      const raw = driver.raw();
      const manifest = await readManifest(store, 'img-secret');
      const names = await keys(raw, 'chunks/');
      for (const hash of manifest.chunks) if (hash) expect(names.some((k) => k.endsWith(hash))).toBe(false);
      const line = textStripe(1).subarray(0, 40);
      for (const k of [...names, 'manifests/img-secret.json']) {
        const bytes = await raw.get(k);
        expect(bytes.includes(line)).toBe(false);
        expect(bytes.includes(Buffer.from('payroll-db'))).toBe(false);
      }
    });

    it('refuses a wrong key and a missing key with a sentence', async () => {
      await expect(driver.open(generateStoreKey())).rejects.toThrow(/is not its key/);
      await expect(driver.open()).rejects.toThrow(StoreKeyError);
      await expect(driver.open()).rejects.toThrow(/is encrypted: set its key/);
    });
  } else {
    it('refuses a key for a store made without one', async () => {
      await expect(driver.open(generateStoreKey())).rejects.toThrow(/created without encryption/);
    });
  }
});

async function keys(store: ObjectStore, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const k of listAll(store, prefix)) out.push(k);
  return out;
}
