import type { Event } from '@linode/api-v4';
import { describe, expect, it } from 'vitest';
import { PERCENT_ONLY } from '@/lib/domain/progress';
import type { LinodeClient } from './client';
import { findEvent, followEvent, LinodeOperationError } from './follow';

// Following a Linode operation by its event, against a client that answers from a script.

function event(id: number, fields: Partial<Event> = {}): Event {
  return {
    id,
    action: 'disk_imagize',
    created: '2026-12-01T10:00:00',
    status: 'started',
    percent_complete: 0,
    entity: { id: 7, type: 'linode', label: 'web-1', url: '' },
    secondary_entity: null,
    message: null,
    ...fields,
  } as Event;
}

/** Lists `events` newest first; GET /account/events/{id} answers the next state of that event. */
function client(events: Event[], states: Record<number, Event[]> = {}): LinodeClient {
  return {
    async request<T>(_method: string, path: string): Promise<T> {
      const one = /\/account\/events\/(\d+)$/.exec(path);
      if (one) return (states[Number(one[1])].shift() ?? events.find((e) => e.id === Number(one[1]))) as T;
      return { data: events, page: 1, pages: 1, results: events.length } as T;
    },
    async listAll<T>(): Promise<T[]> {
      return [] as T[];
    },
  };
}

// The spec gives an image's id as the secondary entity's id (a string, "private/1"); the client
// library types it as a number.
const image = (id: string) =>
  ({ id: id as unknown as number, type: 'image', label: '', url: '' }) as Event['secondary_entity'];

describe('findEvent', () => {
  it('tells an imagize from earlier ones by the image it makes', async () => {
    const events = [
      event(3, { secondary_entity: image('private/2') }),
      event(2, { secondary_entity: image('private/1') }),
    ];
    expect(
      (await findEvent(client(events), { action: 'disk_imagize', entityId: 7, secondaryId: 'private/1' }))?.id,
    ).toBe(2);
  });

  it('skips events older than the resource (with a little slack for clocks) or than a given id', async () => {
    const events = [event(5, { created: '2026-12-01T09:00:00' })];
    expect(
      await findEvent(client(events), { action: 'disk_imagize', entityId: 7, since: '2026-12-01T10:00:00' }),
    ).toBeUndefined();
    expect(
      await findEvent(client(events), { action: 'disk_imagize', entityId: 7, since: '2026-12-01T09:00:05' }),
    ).toBeDefined();
    expect(await findEvent(client(events), { action: 'disk_imagize', entityId: 7, after: 5 })).toBeUndefined();
  });
});

describe('followEvent', () => {
  it('reports percent_complete as percent-only progress until the event finishes', async () => {
    const seen: number[] = [];
    const states = { 9: [event(9, { percent_complete: 50 }), event(9, { status: 'finished', percent_complete: 100 })] };
    const done = await followEvent(
      client([event(9)], states),
      { action: 'disk_imagize', entityId: 7 },
      { intervalMs: 1, onProgress: (d, total) => (expect(total).toBe(PERCENT_ONLY), seen.push(d)) },
    );
    expect(done.status).toBe('finished');
    expect(seen).toEqual([0, 50, 100]);
  });

  it("throws Linode's own message when the event fails", async () => {
    const states = { 9: [event(9, { status: 'failed', message: 'Image would be 7000 MB; the limit is 6144 MB.' })] };
    const following = followEvent(
      client([event(9)], states),
      { action: 'disk_imagize', entityId: 7 },
      { intervalMs: 1 },
    );
    await expect(following).rejects.toBeInstanceOf(LinodeOperationError);
    await expect(
      followEvent(
        client([event(9)], { 9: [event(9, { status: 'failed', message: 'Image would be 7000 MB.' })] }),
        { action: 'disk_imagize', entityId: 7 },
        { intervalMs: 1 },
      ),
    ).rejects.toThrow('Image would be 7000 MB.');
  });

  it('gives up, saying so, when the accepted operation never shows up', async () => {
    await expect(
      followEvent(client([]), { action: 'linode_snapshot', entityId: 7 }, { intervalMs: 1, findTimeoutMs: 5 }),
    ).rejects.toThrow('no linode_snapshot event appeared');
  });

  it('stops waiting when its job is cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(
      followEvent(
        client([event(9)]),
        { action: 'disk_imagize', entityId: 7 },
        { intervalMs: 1, signal: controller.signal },
      ),
    ).rejects.toThrow('cancelled');
  });
});
