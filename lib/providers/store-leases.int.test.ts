import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '@/tests/databases';
import { databaseCoordinator, STALE_MS } from './store-leases';

// Two hosts, played by two clients of the same database, sharing one store.

describe.each(PROVIDERS)('store leases on %s', (provider) => {
  let t: TestDatabase;
  let other: Db;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    other = createDb(t.url);
  });
  afterAll(async () => {
    await other?.$disconnect();
    await t?.drop();
  });

  const hostA = () => databaseCoordinator(() => t.db);
  const hostB = () => databaseCoordinator(() => other);

  it('lets captures on two hosts share a store and refuses a second capture of the same id', async () => {
    const one = await hostA().beginCapture('s3://b/p', 'img-1');
    const two = await hostB().beginCapture('s3://b/p', 'img-2');
    await expect(hostB().beginCapture('s3://b/p', 'img-1')).rejects.toThrow(
      /capture of img-1 is already in progress \(.+ pid \d+\)/,
    );
    await one.release();
    await two.release();
    expect(await t.db.storeLease.count()).toBe(0);
  });

  it('makes a collection on one host wait for a capture on the other, and new captures wait for it', async () => {
    const capture = await hostA().beginCapture('s3://b/p', 'img-3');
    let collecting = false;
    const gc = hostB()
      .beginCollection('s3://b/p')
      .then((lease) => ((collecting = true), lease));
    await sleep(800);
    expect(collecting).toBe(false);
    await capture.release();
    const lease = await gc;
    expect(lease.capturesWaitedFor).toBe(1);
    let started = false;
    const next = hostA()
      .beginCapture('s3://b/p', 'img-4')
      .then((l) => ((started = true), l));
    await sleep(800);
    expect(started).toBe(false);
    await lease.release();
    await (await next).release();
    // Another store is never held up by this one's collection.
    const gc2 = await hostB().beginCollection('s3://b/p');
    await (await hostA().beginCapture('s3://b/other', 'img-5')).release();
    await gc2.release();
  });

  it('ignores and removes the lease of a process that stopped refreshing it', async () => {
    const old = new Date(Date.now() - STALE_MS - 1000);
    await t.db.storeLease.create({
      data: { id: 'gc:s3://b/p', store: 's3://b/p', kind: 'gc', holder: 'gone pid 1', heartbeatAt: old },
    });
    await t.db.storeLease.create({
      data: {
        id: 'capture:s3://b/p:img-6',
        store: 's3://b/p',
        kind: 'capture',
        holder: 'gone pid 2',
        heartbeatAt: old,
      },
    });
    const capture = await hostB().beginCapture('s3://b/p', 'img-6');
    await capture.release();
    const gc = await hostA().beginCollection('s3://b/p');
    expect(gc.capturesWaitedFor).toBe(0);
    await gc.release();
    expect(await t.db.storeLease.count()).toBe(0);
  });

  it('gives up waiting when the caller aborts', async () => {
    const gc = await hostA().beginCollection('s3://b/p');
    await expect(hostB().beginCapture('s3://b/p', 'img-7', AbortSignal.timeout(600))).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    await gc.release();
    expect(await t.db.storeLease.count()).toBe(0);
  });
});
