import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSwift, s3 as S3 } from '@/scripts/swift/start.mjs';
import { parseStoreUrl } from '@/lib/config/store-url';
import { listAll, ObjectNotFoundError, openObjectStore, type ObjectStore } from '.';
import { s3ObjectStore } from './s3';
import { swiftAdmin } from '@/tests/object-store';

// The object store's contract, run on both drivers: a folder on this host, and S3 against a real
// object store (OpenStack Swift with s3api, started on loopback by scripts/swift/start.mjs;
// a store that cannot start fails this file, it is never skipped).

const bucket = `lifeboat-contract-${Date.now().toString(36)}`;

const drivers: [string, () => Promise<ObjectStore>][] = [
  ['file', async () => openObjectStore(await fs.mkdtemp(path.join(os.tmpdir(), 'lifeboat-objects-')))],
  [
    's3',
    async () => {
      await ensureSwift();
      const admin = swiftAdmin();
      await admin.send(new CreateBucketCommand({ Bucket: bucket }));
      // Batches of 4 keys a DeleteObjects request, so a dozen keys show the batching (Swift answers
      // some 20-50 requests a second here: a thousand objects would take minutes).
      const where = parseStoreUrl(`s3://${bucket}/stores/images?endpoint=${S3.endpoint}&path-style=true`);
      if (where.kind !== 's3') throw new Error('expected an s3 location');
      return s3ObjectStore({ ...where, ...S3 }, { deleteBatch: 4 });
    },
  ],
];

describe.each(drivers)('object store contract on %s', (_name, open) => {
  let store: ObjectStore;
  beforeAll(async () => {
    store = await open();
  }, 120_000);
  afterAll(async () => {
    if (store.location.startsWith('/')) await fs.rm(store.location, { recursive: true, force: true });
  });

  it('puts, gets whole and by range, and heads an object', async () => {
    const body = Buffer.from('0123456789abcdef');
    await store.put('chunks/ab/abcdef', body);
    expect(await store.get('chunks/ab/abcdef')).toEqual(body);
    expect((await store.get('chunks/ab/abcdef', { start: 4, end: 7 })).toString()).toBe('4567');
    expect((await store.get('chunks/ab/abcdef', { start: 12, end: 99 })).toString()).toBe('cdef');
    expect(await store.head('chunks/ab/abcdef')).toEqual({ size: 16 });
    await store.put('chunks/ab/abcdef', Buffer.from('new'));
    expect((await store.get('chunks/ab/abcdef')).toString()).toBe('new');
  });

  it('reads an object into a caller’s buffer, and refuses one that does not fit', async () => {
    const body = Buffer.from('0123456789abcdef');
    await store.put('chunks/cd/into', body);
    const into = Buffer.alloc(32);
    expect(await store.getInto('chunks/cd/into', into)).toBe(16);
    expect(into.subarray(0, 16)).toEqual(body);
    expect(await store.getInto('chunks/cd/into', Buffer.alloc(8))).toBeNull();
    await expect(store.getInto('chunks/none', into)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('answers a missing key as missing', async () => {
    expect(await store.head('chunks/none')).toBeNull();
    await expect(store.get('chunks/none')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('refuses keys that could leave the store', async () => {
    for (const key of ['../etc/passwd', '/abs', 'a//b', 'a/./b', 'dir/', '', 'a\\b'])
      await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(/Not a valid object key/);
  });

  it('lists by prefix in order, a page at a time, and deletes in batches', async () => {
    const keys = Array.from({ length: 7 }, (_, i) => `manifests/m${i}`);
    await Promise.all(keys.map((k) => store.put(k, Buffer.from(k))));
    await store.put('manifestsX/other', Buffer.from('x'));
    const first = await store.listPage('manifests/', { limit: 3 });
    expect(first.keys).toEqual(keys.slice(0, 3));
    // Sizes and times come with the keys: GC needs both and must not head every object.
    expect(first.objects.map((o) => o.key)).toEqual(first.keys);
    expect(first.objects[0].size).toBe(Buffer.byteLength(keys[0]));
    expect(Math.abs(first.objects[0].modifiedAt - Date.now())).toBeLessThan(5 * 60_000);
    expect(first.next).toBeTruthy();
    const second = await store.listPage('manifests/', { limit: 3, continuation: first.next });
    expect(second.keys).toEqual(keys.slice(3, 6));
    const all: string[] = [];
    for await (const key of listAll(store, 'manifests/')) all.push(key);
    expect(all).toEqual(keys);
    await store.delete([...keys.slice(0, 5), 'manifests/never-there']);
    expect((await store.listPage('manifests/')).keys).toEqual(keys.slice(5));
  });

  it('deletes more keys than one request takes', async () => {
    const keys = Array.from({ length: 11 }, (_, i) => `bulk/k${String(i).padStart(4, '0')}`);
    await Promise.all(keys.map((k) => store.put(k, Buffer.from('x'))));
    expect((await store.listPage('bulk/', { limit: 10 })).keys).toHaveLength(10);
    await store.delete(keys);
    expect((await store.listPage('bulk/')).keys).toEqual([]);
  }, 120_000);
});

describe('an S3 store that stops answering', () => {
  it('fails the request after its timeout instead of hanging', async () => {
    // Accepts connections and never says a word, like a wedged proxy.
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const where = parseStoreUrl(`s3://${bucket}/x?endpoint=http://127.0.0.1:${port}&path-style=true`);
    if (where.kind !== 's3') throw new Error('expected an s3 location');
    const store = s3ObjectStore(
      { ...where, accessKeyId: S3.accessKeyId, secretAccessKey: S3.secretAccessKey },
      { requestTimeoutMs: 300 },
    );
    try {
      await expect(store.put('chunks/aa/bb', Buffer.from('x'))).rejects.toThrow();
    } finally {
      silent.close();
    }
  }, 30_000);
});
