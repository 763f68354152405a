import type { APIError, Filter, ResourcePage } from '@linode/api-v4';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type RequestOptions = { body?: unknown; filter?: Filter; page?: number; pageSize?: number };

export type LinodeClient = {
  request<T>(method: Method, path: string, options?: RequestOptions): Promise<T>;
  /** Every item of a paginated collection, following `pages` to the end. */
  listAll<T>(path: string, filter?: Filter): Promise<T[]>;
};

export type LinodeClientOptions = {
  token: string;
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
  maxRetries?: number;
  /** How long one request may take before it counts as a lost connection. */
  timeoutMs?: number;
};

// The API's largest page: fewer round trips, and each one counts against the rate limit.
const PAGE_SIZE = 500;
const DEFAULT_RETRY_AFTER_S = 1;
const MAX_RETRY_AFTER_S = 60;
const MAX_BACKOFF_MS = 30_000;

// A POST that failed with a 5xx or lost its connection may still have been applied (an image
// captured, a Linode created and billed), so only methods that are safe to repeat are retried.
// A 429 is retried whatever the method: Linode refused it before doing anything.
const REPEATABLE: ReadonlySet<Method> = new Set(['GET', 'PUT', 'DELETE']);

type Outcome = { kind: 'response'; response: Response } | { kind: 'network'; error: unknown };

// One client per provider account; the token stays inside this closure and is never put in a
// message, so an error can be logged or shown as it is.
export function createLinodeClient({
  token,
  baseUrl = 'https://api.linode.com/v4',
  fetch = globalThis.fetch,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  maxRetries = 4,
  timeoutMs = 30_000,
}: LinodeClientOptions): LinodeClient {
  const redact = (text: string) => (token ? text.split(token).join('[token]') : text);

  async function send(method: Method, path: string, options: RequestOptions): Promise<Outcome> {
    const query = new URLSearchParams();
    if (options.page !== undefined) query.set('page', String(options.page));
    if (options.pageSize !== undefined) query.set('page_size', String(options.pageSize));
    const url = `${baseUrl}${path}${query.size ? `?${query}` : ''}`;
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    // Linode reads filters as JSON in this header, whatever the OpenAPI serialisation rules say.
    if (options.filter !== undefined) headers['X-Filter'] = JSON.stringify(options.filter);
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    try {
      return {
        kind: 'response',
        response: await fetch(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) }),
      };
    } catch (error) {
      return { kind: 'network', error };
    }
  }

  async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const outcome = await send(method, path, options);
      const retriesLeft = attempt < maxRetries;

      if (outcome.kind === 'network') {
        if (retriesLeft && REPEATABLE.has(method)) {
          await sleep(backoffMs(attempt));
          continue;
        }
        const cause = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
        throw new LinodeApiError({
          status: 0,
          method,
          path,
          reasons: [],
          message: redact(messageFor({ status: 0, method, path, reasons: [], attempts: attempt + 1, cause })),
        });
      }

      const { response } = outcome;
      if (response.ok) return (await readJson(response)) as T;

      if (response.status === 429 && retriesLeft) {
        await drain(response); // frees the connection for the retry
        await sleep(retryAfterMs(response.headers.get('Retry-After')));
        continue;
      }
      if (response.status >= 500 && retriesLeft && REPEATABLE.has(method)) {
        await drain(response);
        await sleep(backoffMs(attempt));
        continue;
      }

      const reasons = parseReasons(await readJson(response)).map((r) => ({ ...r, reason: redact(r.reason) }));
      throw new LinodeApiError({
        status: response.status,
        method,
        path,
        reasons,
        message: redact(messageFor({ status: response.status, method, path, reasons, attempts: attempt + 1 })),
      });
    }
  }

  async function listAll<T>(path: string, filter?: Filter): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; ; page++) {
      const result = await request<ResourcePage<T>>('GET', path, { filter, page, pageSize: PAGE_SIZE });
      items.push(...result.data);
      // An empty collection reports pages: 0, and a page without a count cannot lead anywhere:
      // written this way, neither can loop for ever.
      if (!(page < result.pages)) return items;
    }
  }

  return { request, listAll };
}

/**
 * Reads an unwanted body to its end. Not body.cancel(): inside the Next.js server (which patches
 * fetch) the cancel never settled and the retry never came, seen in the browser tests' 429 case.
 */
async function drain(response: Response): Promise<void> {
  await response.text().catch(() => '');
}

/** Retry-After is in seconds; a missing or unreadable one waits a second, a huge one is capped. */
function retryAfterMs(header: string | null): number {
  const seconds = header === null ? NaN : Number(header);
  const wait = Number.isFinite(seconds) && seconds >= 0 ? seconds : DEFAULT_RETRY_AFTER_S;
  return Math.min(wait, MAX_RETRY_AFTER_S) * 1000;
}

function backoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** attempt, MAX_BACKOFF_MS);
}

// DELETE and the backup actions answer `{}` or nothing at all; an error page may be HTML.
async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function parseReasons(body: unknown): APIError[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((e): e is { field?: unknown; reason: string } => typeof e?.reason === 'string')
    .map((e) => (typeof e.field === 'string' && e.field ? { field: e.field, reason: e.reason } : { reason: e.reason }));
}

/** A refused or failed call, with Linode's reasons and a message fit to show an admin as it is. */
export class LinodeApiError extends Error {
  readonly status: number;
  readonly method: Method;
  readonly path: string;
  readonly reasons: APIError[];
  /** The first request field Linode blamed, so a form can put the message beside it. */
  readonly field?: string;

  constructor(init: { status: number; method: Method; path: string; reasons: APIError[]; message: string }) {
    super(init.message);
    this.name = 'LinodeApiError';
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.reasons = init.reasons;
    this.field = init.reasons.find((r) => r.field)?.field;
  }

  /** Linode said no to the request itself (a 4xx other than 429): asking again gets the same answer. */
  get isRefusal(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 429;
  }
}

type Failure = { status: number; method: Method; path: string; reasons: APIError[]; attempts: number; cause?: string };

function messageFor({ status, method, path, reasons, attempts, cause }: Failure): string {
  const said = reasons.map((r) => `${r.field ? `${r.field}: ` : ''}${sentence(r.reason)}`).join(' ');
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  const call = `${method} ${path}`;
  const notRetried = 'It was not retried because Linode may have applied it; check the account before trying again.';
  if (status === 0) {
    const base = `Could not reach the Linode API for ${call}${tries} (${cause}).`;
    return REPEATABLE.has(method) ? `${base} Try again later.` : `${base} ${notRetried}`;
  }
  if (status === 401) return "Linode refused the API token (401). Check the token in the provider account's settings.";
  if (status === 403) return `The API token is not allowed to do this (403): it needs the ${scopeFor(method, path)}.`;
  if (status === 404) return `Linode has no such ${thingAt(path)}.`;
  if (status === 429)
    return `Linode kept limiting the rate of requests (429) and refused ${call}${tries}. Wait a minute and try again.`;
  if (status >= 500) {
    const base = `Linode's API failed (${status}) on ${call}${tries}.${said ? ` ${said}` : ''}`;
    return REPEATABLE.has(method) ? `${base} Try again later.` : `${base} ${notRetried}`;
  }
  return said || `Linode refused ${call} (${status}).`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

// The OAuth scopes the spec lists for each operation; a personal access token has the same ones.
function scopeFor(method: Method, path: string): string {
  const access = method === 'GET' ? 'read_only' : 'read_write';
  if (path === '/images' && method === 'POST') return 'images:read_write and linodes:read_only scopes';
  if (path.startsWith('/images')) return `images:${access} scope`;
  if (path.startsWith('/linode/')) return `linodes:${access} scope`;
  if (path.startsWith('/account/events')) return `events:${access} scope`;
  return 'scope for this request';
}

// Names what was missing from the path, e.g. "/linode/instances/7/backups/9/restore" → backup 9.
function thingAt(path: string): string {
  const part = path.split('/').map(decodeSegment);
  if (part[1] === 'linode' && part[2] === 'instances' && part[3]) {
    if (part[4] === 'backups' && part[5]) return `backup: ${part[5]} (of instance ${part[3]})`;
    if (part[4] === 'disks' && part[5]) return `disk: ${part[5]} (of instance ${part[3]})`;
    return `instance: ${part[3]}`;
  }
  if (part[1] === 'images' && part[2]) return `image: ${part[2]}`;
  if (part[1] === 'account' && part[2] === 'events' && part[3]) return `event: ${part[3]}`;
  if (part[1] === 'linode' && part[2] === 'types' && part[3]) return `plan: ${part[3]}`;
  if (part[1] === 'regions' && part[2]) return `region: ${part[2]}`;
  return `resource: ${path}`;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
