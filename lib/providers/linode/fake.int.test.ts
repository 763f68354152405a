import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLinode, type FakeLinode } from '@/tests/linode-fake/server';
import { validateResponse } from '@/tests/linode-fake/spec';
import { addInstance } from '@/tests/linode-fake/state-instances';

// The fake Linode API that Lifeboat's Linode provider and the browser tests talk to, driven with
// plain fetch: each flow runs to its end through events, each error path answers as the real API
// does, and every body the fake sent conforms to the official spec.

const TOKEN = 'fake-linode-token';
let fake: FakeLinode;

// Loose on purpose: the fake checks every body against the spec, the test checks the values.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the values are read as the spec shapes them
type Json = Record<string, any>;
type Reply = { status: number; body: Json; headers: Headers };

async function api(
  method: string,
  path: string,
  init: { body?: unknown; filter?: unknown; token?: string | null } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token !== null) headers.authorization = `Bearer ${init.token ?? TOKEN}`;
  if (init.filter) headers['x-filter'] = JSON.stringify(init.filter);
  const res = await fetch(fake.url + path, {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
}

async function ok(method: string, path: string, init?: Parameters<typeof api>[2]): Promise<Json> {
  const reply = await api(method, path, init);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

/** The newest event of `action` on an entity, as a client finds the event of what it just started. */
async function latestEvent(entityId: number, action: string): Promise<Json> {
  const page = await ok('GET', '/account/events', {
    filter: { 'entity.id': entityId, 'entity.type': 'linode', action },
  });
  expect(page.data.length).toBeGreaterThan(0);
  return page.data[0];
}

/** Polls an event to its end, as Lifeboat's worker does; returns it and the progress seen on the way. */
async function waitForEvent(id: number): Promise<{ event: Json; seen: number[] }> {
  const seen: number[] = [];
  for (let i = 0; i < 20; i++) {
    const event = await ok('GET', `/account/events/${id}`);
    seen.push(event.percent_complete);
    if (event.status !== 'started') return { event, seen };
  }
  throw new Error(`event ${id} never ended`);
}

const instanceNamed = async (label: string) =>
  (await ok('GET', '/linode/instances', { filter: { label } })).data[0] as Json;

beforeAll(async () => {
  fake = await startFakeLinode({ token: TOKEN });
});
afterAll(async () => {
  await fake?.close();
});

describe('the fake Linode API', () => {
  it('refuses a missing or wrong token with the error envelope', async () => {
    for (const token of [null, 'not-the-token']) {
      const reply = await api('GET', '/profile', { token });
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ errors: [{ reason: 'Invalid Token' }] });
    }
    expect((await ok('GET', '/profile')).username).toBe('lifeboat-test');
  });

  it('lists instances in pages and filters them by tag and region', async () => {
    const extra = Array.from({ length: 27 }, (_, i) =>
      addInstance(fake.state, { label: `bulk-${i}`, region: 'eu-west', type: 'g6-nanode-1' }),
    );
    const first = await ok('GET', '/linode/instances?page=1&page_size=25');
    expect(first).toMatchObject({ page: 1, pages: 2, results: 30 });
    expect(first.data).toHaveLength(25);
    const second = await ok('GET', '/linode/instances?page=2&page_size=25');
    expect(second.data.map((i: Json) => i.label)).toEqual(['bulk-22', 'bulk-23', 'bulk-24', 'bulk-25', 'bulk-26']);
    expect((await api('GET', '/linode/instances?page_size=10')).body.errors[0].field).toBe('page_size');
    for (const i of extra) fake.state.instances.delete(i.id);

    const web = await ok('GET', '/linode/instances', { filter: { tags: 'web' } });
    expect(web.data.map((i: Json) => i.label)).toEqual(['web-1', 'web-2']);
    const prodInUs = await ok('GET', '/linode/instances', {
      filter: { '+and': [{ tags: 'prod' }, { region: 'us-east' }] },
    });
    expect(prodInUs.data.map((i: Json) => i.label)).toEqual(['web-1']);
    const notFilterable = await api('GET', '/linode/instances', { filter: { status: 'running' } });
    expect(notFilterable.status).toBe(400);
    expect(notFilterable.body.errors[0]).toEqual({ field: 'X-Filter', reason: 'Cannot filter on status' });
  });

  it('captures an image from a disk until it is available', async () => {
    const web1 = await instanceNamed('web-1');
    const disks = await ok('GET', `/linode/instances/${web1.id}/disks`);
    expect(disks.data.map((d: Json) => [d.filesystem, d.size])).toEqual([
      ['ext4', 25_600],
      ['swap', 512],
    ]);
    const image = await ok('POST', '/images', {
      body: { disk_id: disks.data[0].id, label: 'web-1-golden', description: 'before the upgrade' },
    });
    expect(image).toMatchObject({
      id: expect.stringMatching(/^private\/\d+$/),
      status: 'creating',
      is_public: false,
      type: 'manual',
      vendor: null,
    });

    const started = await latestEvent(web1.id, 'disk_imagize');
    expect(started.secondary_entity).toMatchObject({ id: image.id, type: 'image' });
    const { event, seen } = await waitForEvent(started.id);
    expect(event).toMatchObject({ status: 'finished', percent_complete: 100 });
    expect(seen.some((p) => p > 0 && p < 100)).toBe(true);
    expect(await ok('GET', `/images/${image.id}`)).toMatchObject({
      status: 'available',
      size: 2_100,
      created_by: 'lifeboat-test',
    });

    const mine = await ok('GET', '/images', { filter: { is_public: false } });
    expect(mine.data.map((i: Json) => i.id)).toEqual([image.id]);
    expect((await ok('PUT', `/images/${image.id}`, { body: { description: 'golden' } })).description).toBe('golden');
  });

  it('fails a capture whose data exceeds the 6 GiB image ceiling', async () => {
    const db1 = await instanceNamed('db-1');
    const disk = (await ok('GET', `/linode/instances/${db1.id}/disks`)).data[0];
    fake.state.usedMB.set(disk.id, 7_000);
    const image = await ok('POST', '/images', { body: { disk_id: disk.id, label: 'too-big' } });
    const { event } = await waitForEvent((await latestEvent(db1.id, 'disk_imagize')).id);
    expect(event.status).toBe('failed');
    expect((await api('GET', `/images/${image.id}`)).status).toBe(404);
    fake.state.usedMB.set(disk.id, 3_500);
  });

  it('takes a snapshot: in progress, then current', async () => {
    const web1 = await instanceNamed('web-1');
    const snapshot = await ok('POST', `/linode/instances/${web1.id}/backups`, { body: { label: 'before-upgrade' } });
    expect(snapshot).toMatchObject({ type: 'snapshot', status: 'pending', label: 'before-upgrade' });
    expect((await ok('GET', `/linode/instances/${web1.id}/backups`)).snapshot.in_progress.id).toBe(snapshot.id);
    const { event } = await waitForEvent((await latestEvent(web1.id, 'linode_snapshot')).id);
    expect(event.status).toBe('finished');
    const backups = await ok('GET', `/linode/instances/${web1.id}/backups`);
    expect(backups.snapshot).toMatchObject({
      current: { id: snapshot.id, status: 'successful', available: true },
      in_progress: null,
    });
    expect(backups.automatic).toHaveLength(2);

    const web2 = await instanceNamed('web-2');
    const refused = await api('POST', `/linode/instances/${web2.id}/backups`, { body: { label: 'nope' } });
    expect(refused.status).toBe(400);
  });

  it('enables backups and changes the schedule', async () => {
    const web2 = await instanceNamed('web-2');
    expect(await ok('POST', `/linode/instances/${web2.id}/backups/enable`)).toEqual({});
    expect((await ok('GET', `/linode/instances/${web2.id}`)).backups).toMatchObject({
      enabled: true,
      schedule: { day: 'Scheduling', window: 'Scheduling' },
    });
    const updated = await ok('PUT', `/linode/instances/${web2.id}`, {
      body: { backups: { schedule: { day: 'Monday', window: 'W4' } } },
    });
    expect(updated.backups.schedule).toEqual({ day: 'Monday', window: 'W4' });
    const bad = await api('PUT', `/linode/instances/${web2.id}`, {
      body: { backups: { schedule: { day: 'Someday' } } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('backups.schedule.day');
  });

  it('restores a backup over another instance in the region, which is left offline until booted', async () => {
    const [web1, web2, db1] = [await instanceNamed('web-1'), await instanceNamed('web-2'), await instanceNamed('db-1')];
    const backup = (await ok('GET', `/linode/instances/${web1.id}/backups`)).automatic[0];
    const across = await api('POST', `/linode/instances/${web1.id}/backups/${backup.id}/restore`, {
      body: { linode_id: db1.id, overwrite: true },
    });
    expect(across.status).toBe(400);
    expect(across.body.errors[0].field).toBe('linode_id');

    expect(
      await ok('POST', `/linode/instances/${web1.id}/backups/${backup.id}/restore`, {
        body: { linode_id: web2.id, overwrite: true },
      }),
    ).toEqual({});
    expect((await ok('GET', `/linode/instances/${web2.id}`)).status).toBe('restoring');
    const { event } = await waitForEvent((await latestEvent(web2.id, 'backups_restore')).id);
    expect(event.status).toBe('finished');
    expect((await ok('GET', `/linode/instances/${web2.id}`)).status).toBe('offline');
    const disks = (await ok('GET', `/linode/instances/${web2.id}/disks`)).data;
    expect(disks.map((d: Json) => [d.label, d.size, d.status])).toEqual(
      backup.disks.map((d: Json) => [d.label, d.size, 'ready']),
    );

    expect(await ok('POST', `/linode/instances/${web2.id}/boot`)).toEqual({});
    await waitForEvent((await latestEvent(web2.id, 'linode_boot')).id);
    expect((await ok('GET', `/linode/instances/${web2.id}`)).status).toBe('running');
  });

  it('deploys new instances from an image and from a backup to running', async () => {
    const image = (await ok('GET', '/images', { filter: { is_public: false } })).data[0];
    const fromImage = await ok('POST', '/linode/instances', {
      body: {
        image: image.id,
        root_pass: 'correct-horse-battery',
        region: 'eu-west',
        type: 'g6-standard-1',
        label: 'from-image',
      },
    });
    expect(fromImage).toMatchObject({ status: 'provisioning', image: image.id, region: 'eu-west' });
    const created = await waitForEvent((await latestEvent(fromImage.id, 'linode_create')).id);
    expect(created.event.status).toBe('finished');
    expect((await ok('GET', `/linode/instances/${fromImage.id}`)).status).toBe('running');

    const web1 = await instanceNamed('web-1');
    const backup = (await ok('GET', `/linode/instances/${web1.id}/backups`)).snapshot.current;
    const wrongRegion = await api('POST', '/linode/instances', {
      body: { backup_id: backup.id, region: 'eu-west', type: 'g6-standard-1', label: 'from-backup' },
    });
    expect(wrongRegion.status).toBe(400);
    const fromBackup = await ok('POST', '/linode/instances', {
      body: { backup_id: backup.id, region: 'us-east', type: 'g6-standard-1', label: 'from-backup' },
    });
    await waitForEvent((await latestEvent(fromBackup.id, 'linode_create')).id);
    expect((await ok('GET', `/linode/instances/${fromBackup.id}`)).status).toBe('running');
    const disks = (await ok('GET', `/linode/instances/${fromBackup.id}/disks`)).data;
    expect(disks.map((d: Json) => d.size)).toEqual([25_600, 512]);
  });

  it('answers 429 with Retry-After, then serves the retry', async () => {
    fake.faults.failNext(1, 429, 3);
    const limited = await api('GET', '/linode/instances');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.body.errors[0].reason).toBe('Too Many Requests');
    expect((await api('GET', '/linode/instances')).status).toBe(200);
  });

  it('answers 5xx without doing the work, so a retry is safe', async () => {
    const before = fake.state.images.size;
    const web2 = await instanceNamed('web-2');
    const disk = (await ok('GET', `/linode/instances/${web2.id}/disks`)).data[0];
    fake.faults.failNext(2, 503);
    for (let i = 0; i < 2; i++)
      expect((await api('POST', '/images', { body: { disk_id: disk.id, label: 'retried' } })).status).toBe(503);
    expect(fake.state.images.size).toBe(before);
    expect((await api('POST', '/images', { body: { disk_id: disk.id, label: 'retried' } })).status).toBe(200);
    fake.settle();
  });

  it('refuses a capture with a 400 naming the field', async () => {
    const web2 = await instanceNamed('web-2');
    const disk = (await ok('GET', `/linode/instances/${web2.id}/disks`)).data[0];
    fake.faults.refuseCapture('Disk is being resized', 'disk_id');
    const refused = await api('POST', '/images', { body: { disk_id: disk.id, label: 'refused' } });
    expect(refused).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'disk_id', reason: 'Disk is being resized' }] },
    });
    const missing = await api('POST', '/images', { body: { disk_id: 1, label: 'no-such-disk' } });
    expect(missing).toMatchObject({ status: 400, body: { errors: [{ field: 'disk_id' }] } });
  });

  it('serves types with backup prices, regions, single backups, deletion and cancellation', async () => {
    const types = (await ok('GET', '/linode/types')).data;
    expect(types.find((t: Json) => t.id === 'g6-standard-1').addons.backups.price.monthly).toBe(2.5);
    expect((await ok('GET', '/regions')).data.map((r: Json) => r.id)).toEqual(['us-east', 'eu-west']);
    const web1 = await instanceNamed('web-1');
    const backup = (await ok('GET', `/linode/instances/${web1.id}/backups`)).automatic[1];
    expect((await ok('GET', `/linode/instances/${web1.id}/backups/${backup.id}`)).id).toBe(backup.id);

    const fromImage = await instanceNamed('from-image');
    expect(await ok('POST', `/linode/instances/${fromImage.id}/backups/enable`)).toEqual({});
    expect(await ok('POST', `/linode/instances/${fromImage.id}/backups/cancel`)).toEqual({});
    expect(await ok('GET', `/linode/instances/${fromImage.id}/backups`)).toEqual({
      automatic: [],
      snapshot: { current: null, in_progress: null },
    });

    const retried = (await ok('GET', '/images', { filter: { label: 'retried' } })).data[0];
    expect(await ok('DELETE', `/images/${retried.id}`)).toEqual({});
    expect((await api('GET', `/images/${retried.id}`)).status).toBe(404);
    expect((await api('DELETE', '/images/linode/debian12')).status).toBe(403);
    expect((await api('GET', '/linode/instances/999')).status).toBe(404);
    expect((await api('DELETE', '/regions')).status).toBe(405);
  });

  it('lists events newest first', async () => {
    const ids = (await ok('GET', '/account/events')).data.map((e: Json) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const oldest = await ok('GET', '/account/events', { filter: { '+order_by': 'created', '+order': 'asc' } });
    expect(oldest.data[0].id).toBe(Math.min(...ids));
  });

  it('has a validator that rejects what the spec forbids', async () => {
    const web1 = await instanceNamed('web-1');
    expect(validateResponse('GET', '/linode/instances/{linodeId}', 200, web1)).toEqual([]);
    const problems = validateResponse('GET', '/linode/instances/{linodeId}', 200, {
      ...web1,
      status: 42,
      surprise: true,
    });
    expect(problems.join('\n')).toMatch(/\/status must be string/);
    expect(problems.join('\n')).toMatch(/unexpected property "surprise"/);
    expect(
      validateResponse('GET', '/linode/instances', 200, {
        data: [{ ...web1, backups: { schedule: { day: 'Someday' } } }],
        page: 1,
        pages: 1,
        results: 1,
      }),
    ).not.toEqual([]);
    expect(validateResponse('GET', '/linode/instances', 401, { errors: [{ reason: 7 }] })).not.toEqual([]);
  });

  it('records a violation when its own state drifts from the spec', async () => {
    const broken = await startFakeLinode({ token: TOKEN, logViolations: false });
    try {
      const [first] = broken.state.instances.values();
      Object.assign(first, { status: 42 });
      const res = await fetch(`${broken.url}/linode/instances/${first.id}`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(res.status).toBe(200);
      expect(broken.violations().join('\n')).toMatch(/GET \/linode\/instances\/\{linodeId\} 200: \/status/);
    } finally {
      await broken.close();
    }
  });

  it('sent only bodies that conform to the spec', () => {
    expect(fake.requests().length).toBeGreaterThan(50);
    expect(fake.violations()).toEqual([]);
  });
});
