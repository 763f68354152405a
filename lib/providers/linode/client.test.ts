import { describe, expect, it } from 'vitest';
import { createLinodeClient, LinodeApiError } from './client';

const TOKEN = 'tok-0123456789abcdef-secret';

type Call = { url: URL; method: string; headers: Record<string, string>; body?: string };
type Reply = { status: number; json?: unknown; headers?: Record<string, string> } | Error;

// A scripted API: each call takes the next reply, and every call and wait is kept for the asserts.
function fakeApi(replies: Reply[], options: { maxRetries?: number } = {}) {
  const calls: Call[] = [];
  const waits: number[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({
      url: new URL(String(input)),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body as string | undefined,
    });
    const reply = replies.shift();
    if (!reply) throw new Error('no reply scripted');
    if (reply instanceof Error) throw reply;
    const body = reply.json === undefined ? '' : JSON.stringify(reply.json);
    return new Response(body || null, { status: reply.status, headers: reply.headers });
  };
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  const client = createLinodeClient({ token: TOKEN, baseUrl: 'https://api.test/v4', fetch, sleep, ...options });
  return { client, calls, waits };
}

const page = (data: unknown[], pageNo: number, pages: number) => ({
  status: 200,
  json: { data, page: pageNo, pages, results: 3 },
});
const failed = (status: number, errors: unknown[] = [{ reason: 'Oops' }]) => ({ status, json: { errors } });

async function rejection(promise: Promise<unknown>): Promise<LinodeApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LinodeApiError);
  return error as LinodeApiError;
}

describe('requests', () => {
  it('sends the token as a bearer header and a body as JSON', async () => {
    const { client, calls } = fakeApi([{ status: 200, json: { id: 'private/1' } }]);
    await expect(client.request('POST', '/images', { body: { disk_id: 4, label: 'gold' } })).resolves.toEqual({
      id: 'private/1',
    });
    expect(calls[0].url.href).toBe('https://api.test/v4/images');
    expect(calls[0].headers).toMatchObject({ Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' });
    expect(JSON.parse(calls[0].body!)).toEqual({ disk_id: 4, label: 'gold' });
  });

  it('sends no body and no content type when there is nothing to send', async () => {
    const { client, calls } = fakeApi([{ status: 200, json: {} }]);
    await client.request('POST', '/linode/instances/7/backups/enable');
    expect(calls[0].body).toBeUndefined();
    expect(calls[0].headers['Content-Type']).toBeUndefined();
  });

  it('treats an empty success body as {}', async () => {
    const { client } = fakeApi([{ status: 200 }]);
    await expect(client.request('DELETE', '/images/private%2F1')).resolves.toEqual({});
  });

  it('sends a filter as JSON in the X-Filter header', async () => {
    const { client, calls } = fakeApi([page([], 1, 0)]);
    await client.listAll('/linode/instances', { tags: 'lifeboat', '+order_by': 'label' });
    expect(JSON.parse(calls[0].headers['X-Filter'])).toEqual({ tags: 'lifeboat', '+order_by': 'label' });
  });

  it('sends no X-Filter header without a filter', async () => {
    const { client, calls } = fakeApi([page([], 1, 1)]);
    await client.listAll('/regions');
    expect(calls[0].headers).not.toHaveProperty('X-Filter');
  });
});

describe('pagination', () => {
  it('follows pages to the end, 500 at a time, keeping the filter on every page', async () => {
    const { client, calls } = fakeApi([page([{ id: 1 }], 1, 3), page([{ id: 2 }], 2, 3), page([{ id: 3 }], 3, 3)]);
    await expect(client.listAll('/images', { is_public: false })).resolves.toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(calls.map((c) => c.url.searchParams.get('page'))).toEqual(['1', '2', '3']);
    expect(calls.every((c) => c.url.searchParams.get('page_size') === '500')).toBe(true);
    expect(calls.every((c) => c.headers['X-Filter'] === '{"is_public":false}')).toBe(true);
  });

  it('stops after one request on an empty collection (pages: 0)', async () => {
    const { client, calls } = fakeApi([page([], 1, 0)]);
    await expect(client.listAll('/linode/instances')).resolves.toEqual([]);
    expect(calls).toHaveLength(1);
  });
});

describe('rate limits (429)', () => {
  it('waits as long as Retry-After says, then succeeds', async () => {
    const { client, calls, waits } = fakeApi([
      { status: 429, headers: { 'Retry-After': '7' } },
      { status: 200, json: { username: 'ada' } },
    ]);
    await expect(client.request('GET', '/profile')).resolves.toEqual({ username: 'ada' });
    expect(waits).toEqual([7000]);
    expect(calls).toHaveLength(2);
  });

  it('retries a POST too: Linode did not process it', async () => {
    const { client, calls } = fakeApi([{ status: 429 }, { status: 200, json: { id: 'private/1' } }]);
    await expect(client.request('POST', '/images', { body: { disk_id: 1 } })).resolves.toEqual({ id: 'private/1' });
    expect(calls).toHaveLength(2);
  });

  it('waits one second without Retry-After and at most a minute with a huge one', async () => {
    const { client, waits } = fakeApi([
      { status: 429 },
      { status: 429, headers: { 'Retry-After': '3600' } },
      { status: 200, json: {} },
    ]);
    await client.request('GET', '/profile');
    expect(waits).toEqual([1000, 60_000]);
  });

  it('gives up after maxRetries with a clear message', async () => {
    const { client, calls } = fakeApi(
      Array.from({ length: 3 }, () => ({ status: 429 })),
      { maxRetries: 2 },
    );
    const error = await rejection(client.request('GET', '/linode/instances'));
    expect(calls).toHaveLength(3);
    expect(error.status).toBe(429);
    expect(error.message).toMatch(/limiting the rate of requests \(429\).*after 3 attempts/);
  });
});

describe('server and network errors', () => {
  it('retries a GET on 5xx with a growing backoff, then succeeds', async () => {
    const { client, calls, waits } = fakeApi([failed(503), failed(502), { status: 200, json: { id: 7 } }]);
    await expect(client.request('GET', '/linode/instances/7')).resolves.toEqual({ id: 7 });
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([1000, 2000]);
  });

  it('does not retry a POST on 5xx, since it may have been applied', async () => {
    const { client, calls } = fakeApi([failed(500)]);
    const error = await rejection(
      client.request('POST', '/linode/instances', { body: { region: 'us-east', type: 'g6-nanode-1' } }),
    );
    expect(calls).toHaveLength(1);
    expect(error.status).toBe(500);
    expect(error.message).toContain('not retried');
  });

  it('gives up on a GET after maxRetries retries', async () => {
    const { client, calls, waits } = fakeApi(Array.from({ length: 5 }, () => failed(503)));
    const error = await rejection(client.request('GET', '/linode/instances'));
    expect(calls).toHaveLength(5);
    expect(waits).toEqual([1000, 2000, 4000, 8000]);
    expect(error.status).toBe(503);
    expect(error.message).toContain("Linode's API failed (503) on GET /linode/instances after 5 attempts");
  });

  it('retries a PUT after a dropped connection', async () => {
    const { client, calls } = fakeApi([new TypeError('fetch failed'), { status: 200, json: {} }]);
    await client.request('PUT', '/images/private%2F1', { body: { label: 'x' } });
    expect(calls).toHaveLength(2);
  });

  it('does not retry a POST after a dropped connection', async () => {
    const { client, calls } = fakeApi([new TypeError('fetch failed')]);
    const error = await rejection(client.request('POST', '/linode/instances/7/backups', { body: { label: 's' } }));
    expect(calls).toHaveLength(1);
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/Could not reach the Linode API .*fetch failed.*not retried/);
  });
});

describe('refusals in plain words', () => {
  it('401: the token was refused', async () => {
    const { client } = fakeApi([failed(401, [{ reason: 'Invalid Token' }])]);
    const error = await rejection(client.request('GET', '/profile'));
    expect(error.message).toBe(
      "Linode refused the API token (401). Check the token in the provider account's settings.",
    );
    expect(error.reasons).toEqual([{ reason: 'Invalid Token' }]);
  });

  it('400: each reason with the field it concerns', async () => {
    const { client } = fakeApi([
      failed(400, [
        { field: 'label', reason: 'Label must be unique.' },
        { field: null, reason: 'Try another' },
      ]),
    ]);
    const error = await rejection(client.request('POST', '/images', { body: { disk_id: 1, label: 'gold' } }));
    expect(error.message).toBe('label: Label must be unique. Try another.');
    expect(error.field).toBe('label');
    expect(error.reasons).toEqual([{ field: 'label', reason: 'Label must be unique.' }, { reason: 'Try another' }]);
  });

  it('400: a capture the API refuses is not retried and says why', async () => {
    const { client, calls } = fakeApi([
      failed(400, [{ field: 'disk_id', reason: 'Disk is too large to be imagized' }]),
    ]);
    const error = await rejection(client.request('POST', '/images', { body: { disk_id: 9 } }));
    expect(calls).toHaveLength(1);
    expect(error.message).toBe('disk_id: Disk is too large to be imagized.');
    expect(error.field).toBe('disk_id');
  });

  it('403: names the scope the token lacks', async () => {
    const { client } = fakeApi([failed(403), failed(403)]);
    expect((await rejection(client.request('POST', '/images', { body: { disk_id: 1 } }))).message).toBe(
      'The API token is not allowed to do this (403): it needs the images:read_write and linodes:read_only scopes.',
    );
    expect((await rejection(client.request('PUT', '/linode/instances/7', { body: {} }))).message).toContain(
      'linodes:read_write scope',
    );
  });

  it('404: says what is missing', async () => {
    const { client } = fakeApi([failed(404, [{ reason: 'Not found' }]), failed(404)]);
    expect((await rejection(client.request('GET', '/images/private%2F12'))).message).toBe(
      'Linode has no such image: private/12.',
    );
    expect(
      (await rejection(client.request('POST', '/linode/instances/7/backups/9/restore', { body: {} }))).message,
    ).toBe('Linode has no such backup: 9 (of instance 7).');
  });

  it('an error body that is not JSON still gives a message', async () => {
    const { client } = fakeApi([{ status: 418, headers: { 'Content-Type': 'text/html' } }]);
    expect((await rejection(client.request('GET', '/regions'))).message).toBe('Linode refused GET /regions (418).');
  });

  it('never puts the token in a message, even when a reason or a network error repeats it', async () => {
    const { client } = fakeApi(
      [
        failed(401),
        failed(400, [{ field: 'token', reason: `bad ${TOKEN}` }]),
        new TypeError(`connect to ${TOKEN} failed`),
        failed(503),
        { status: 429 },
      ],
      { maxRetries: 0 },
    );
    const errors = [
      await rejection(client.request('GET', '/profile')),
      await rejection(client.request('POST', '/images', { body: {} })),
      await rejection(client.request('GET', '/profile')),
      await rejection(client.request('GET', '/profile')),
      await rejection(client.request('GET', '/profile')),
    ];
    for (const error of errors) {
      expect(error.message).not.toContain(TOKEN);
      expect(String(error.stack)).not.toContain(TOKEN);
      expect(JSON.stringify(error.reasons)).not.toContain(TOKEN);
    }
  });
});
