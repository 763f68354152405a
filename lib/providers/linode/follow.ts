import type { Event } from '@linode/api-v4';
import { PERCENT_ONLY } from '@/lib/domain/progress';
import { getEvent, listEvents } from './api';
import type { LinodeClient } from './client';

// Linode's long operations (imagize, snapshot, restore, create) are accepted at once and carried
// on in the background; each has an event in /account/events whose percent_complete moves and
// whose status ends "finished" or "failed". Following that event is how a job shows progress and
// learns the end, and how a job that resumes after a crash picks the operation up again.

/** Linode ran the operation and it failed; the message is Linode's own, in its words. */
export class LinodeOperationError extends Error {
  constructor(
    readonly action: string,
    message: string,
  ) {
    super(message);
    this.name = 'LinodeOperationError';
  }
}

/**
 * Which event is the operation's: its action on its entity, and to tell it from earlier ones of
 * the same kind, the image it makes (`secondaryId`), an event id it must be newer than (`after`)
 * or the Linode time its resource was created at (`since`; both stamps are Linode's own clock).
 */
export type EventMatch = { action: string; entityId: number; secondaryId?: string; after?: number; since?: string };

export type FollowOptions = {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Milliseconds between polls; LIFEBOAT_LINODE_POLL_MS, else 3 s (the events list is cheap but rate-limited). */
  intervalMs?: number;
  /** How long an accepted operation may take to show up in the events before we give up. */
  findTimeoutMs?: number;
};

function pollInterval(): number {
  const fromEnv = Number(process.env.LIFEBOAT_LINODE_POLL_MS);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 3000;
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('Aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('Aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

// An event may be stamped a moment before the resource it makes; earlier operations of the same
// kind on the same instance are minutes apart at least.
const SINCE_SLACK_MS = 10_000;

/** Linode's times are UTC without a zone. */
function linodeTime(stamp: string): number {
  return Date.parse(/[zZ]$|[+-]\d\d:?\d\d$/.test(stamp) ? stamp : `${stamp}Z`);
}

/** The newest event of this action on this entity (and secondary entity, for an imagize). */
export async function findEvent(client: LinodeClient, match: EventMatch): Promise<Event | undefined> {
  const events = await listEvents(client, { action: match.action, 'entity.id': match.entityId });
  return events.find(
    (e) =>
      (match.secondaryId === undefined || String(e.secondary_entity?.id) === match.secondaryId) &&
      (match.after === undefined || e.id > match.after) &&
      (match.since === undefined || linodeTime(e.created) >= linodeTime(match.since) - SINCE_SLACK_MS),
  );
}

/** The id of the newest event of the account, so the event of an operation started next can be told from older ones. */
export async function newestEventId(client: LinodeClient): Promise<number> {
  return (await listEvents(client))[0]?.id ?? 0;
}

/**
 * Waits for the operation's event to finish, reporting its percent_complete as progress.
 * Resolves with the finished event; a failed event throws LinodeOperationError.
 */
export async function followEvent(
  client: LinodeClient,
  match: EventMatch,
  options: FollowOptions = {},
): Promise<Event> {
  const interval = options.intervalMs ?? pollInterval();
  const deadline = Date.now() + (options.findTimeoutMs ?? Math.max(60_000, interval * 20));
  let event = await findEvent(client, match);
  while (!event) {
    if (Date.now() > deadline)
      throw new LinodeOperationError(
        match.action,
        `Linode accepted the request but no ${match.action} event appeared for it.`,
      );
    await pause(interval, options.signal);
    event = await findEvent(client, match);
  }
  for (;;) {
    options.onProgress?.(event.percent_complete ?? 0, PERCENT_ONLY);
    if (event.status === 'finished') return event;
    if (event.status === 'failed')
      throw new LinodeOperationError(
        match.action,
        event.message || `Linode reported that the ${match.action.replace('_', ' ')} failed.`,
      );
    await pause(interval, options.signal);
    event = await getEvent(client, event.id);
  }
}
