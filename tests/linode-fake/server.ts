import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchRoute } from './routes';
import { seededState } from './seed';
import { validateErrorBody, validateResponse } from './spec';
import { ApiError, settle, tick, type ApiFieldError, type FakeState, type StateOptions } from './state';

// A stateful stand-in for api.linode.com/v4 on loopback, for integration and browser tests.
// Every body it sends is checked against the official spec; a mismatch is a bug in the fake and
// is recorded, so a test that asserts no violations proves the client met the real contract.

export type FakeLinodeOptions = StateOptions & {
  token: string;
  port?: number;
  /** Each authorised GET advances long operations one step (default true); off, tests call tick(). */
  autoTick?: boolean;
  /** Print each violation as it happens (default true). */
  logViolations?: boolean;
  /**
   * Accept POST /__fake/faults (outside /v4, so no client could call it by mistake) to arm the
   * faults below from another process: the browser tests run the fake as its own server.
   */
  control?: boolean;
};

type RequestRecord = { method: string; path: string; status: number };

export type FakeLinode = {
  /** Base URL including the version, e.g. http://127.0.0.1:41234/v4 */
  url: string;
  state: FakeState;
  close(): Promise<void>;
  faults: {
    /** The next `count` requests, whatever they are, get `status` (429 or 5xx) and change nothing. */
    failNext(count: number, status: number, retryAfter?: number): void;
    /** The next POST /images is refused with 400 naming `field`. */
    refuseCapture(reason: string, field: string): void;
  };
  violations(): string[];
  requests(): RequestRecord[];
  tick(count?: number): void;
  settle(): void;
};

const REASONS: Record<number, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
const MAX_BODY = 1 << 20;

export async function startFakeLinode(options: FakeLinodeOptions): Promise<FakeLinode> {
  const state = seededState(options);
  const problems: string[] = [];
  const log: RequestRecord[] = [];
  const pending: { status: number; retryAfter?: number }[] = [];
  let refusal: ApiFieldError | undefined;

  function send(
    res: http.ServerResponse,
    method: string,
    specPath: string | undefined,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    const found = specPath
      ? validateResponse(method, specPath, status, body)
      : validateErrorBody(body).map((p) => `${method} (unrouted) ${status}: ${p}`);
    for (const p of found) {
      problems.push(p);
      if (options.logViolations !== false) console.warn(`[fake-linode] spec violation: ${p}`);
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }
  const errors = (list: ApiFieldError[]) => ({ errors: list });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = req.method ?? 'GET';
    const version = /^\/(v4|v4beta)(\/.*)$/.exec(url.pathname);
    const path = version?.[2] ?? url.pathname;
    const raw = await readBody(req);
    const match = version ? matchRoute(method, path) : undefined;
    const specPath = match && 'route' in match ? match.route.path : undefined;
    const answer = (status: number, body: unknown, headers?: Record<string, string>) => {
      log.push({ method, path, status });
      send(res, method, specPath, status, body, headers);
    };

    if (options.control && method === 'POST' && url.pathname === '/__fake/faults') {
      const armed = JSON.parse(raw || '{}') as {
        failNext?: { count: number; status: number; retryAfter?: number };
        refuseCapture?: ApiFieldError;
      };
      if (armed.failNext)
        for (let i = 0; i < armed.failNext.count; i++)
          pending.push({ status: armed.failNext.status, retryAfter: armed.failNext.retryAfter });
      if (armed.refuseCapture) refusal = armed.refuseCapture;
      res.writeHead(204).end();
      return;
    }
    // Faults come before anything else and leave the state untouched, so a client's retry is safe.
    const fault = pending.shift();
    if (fault) {
      const headers: Record<string, string> =
        fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
      return answer(fault.status, errors([{ reason: REASONS[fault.status] ?? 'Server Error' }]), headers);
    }
    if (req.headers.authorization !== `Bearer ${options.token}`)
      return answer(401, errors([{ reason: 'Invalid Token' }]));
    if (!match) return answer(404, errors([{ reason: 'Not found' }]));
    if (!('route' in match)) return answer(405, errors([{ reason: 'Method Not Allowed' }]));

    let body: Record<string, unknown> = {};
    if (raw.length) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return answer(400, errors([{ reason: 'Request body must be valid JSON' }]));
      }
      if (!body || typeof body !== 'object' || Array.isArray(body))
        return answer(400, errors([{ reason: 'Request body must be a JSON object' }]));
    }
    if (method === 'GET' && options.autoTick !== false) tick(state);
    try {
      if (method === 'POST' && match.route.path === '/images' && refusal) {
        const refused = refusal;
        refusal = undefined;
        throw new ApiError(400, [refused]);
      }
      const result = match.route.handle({
        state,
        params: match.params,
        query: url.searchParams,
        headers: req.headers,
        body,
      });
      answer(200, result);
    } catch (error) {
      if (error instanceof ApiError) return answer(error.status, errors(error.errors));
      // Anything else is a bug in the fake: say so loudly rather than hand the client a puzzle.
      problems.push(`${method} ${path}: the fake threw ${(error as Error).stack ?? String(error)}`);
      answer(500, errors([{ reason: 'Internal Server Error' }]));
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      problems.push(`the fake failed to answer: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v4`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    faults: {
      failNext(count, status, retryAfter) {
        for (let i = 0; i < count; i++) pending.push({ status, retryAfter });
      },
      refuseCapture(reason, field) {
        refusal = { field, reason };
      },
    },
    violations: () => [...problems],
    requests: () => [...log],
    tick: (count) => tick(state, count),
    settle: () => settle(state),
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
