// Serves the built app, as `next start` does, through a plain Node HTTP server so that the
// caller's address is known for sure: Next itself only copies X-Forwarded-For from the request,
// which any client can write. Here the socket's peer (or, with LIFEBOAT_TRUST_PROXY=1, the last
// address a reverse proxy appended) goes into X-Lifeboat-Client, overwriting whatever was sent;
// the audit log and the sign-in throttle read only that header (lib/auth/request.ts).
// Requests Next would answer with a 500 are answered here first (lib/http/request-guard.mjs).
// With LIFEBOAT_WEB_PROCESSES above 1 it runs that server in several processes (see
// serveProcesses at the end).
import cluster from 'node:cluster';
import http from 'node:http';
import os from 'node:os';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import bytes from 'next/dist/compiled/bytes/index.js';
import nextConfig from '../next.config.js';
import {
  isApiWrite,
  isPossibleAction,
  knownActions,
  refuseActionBody,
  refuseActionId,
  refuseFormPost,
  refuseHost,
  refuseLength,
  refuseOrigin,
  refuseUrl,
  tooLarge,
} from '../lib/http/request-guard.mjs';
import { renderTurns, rendersAtOnce, takesTurn } from '../lib/http/render-turns.mjs';

/** The server-action body limit Next enforces, from the same setting; API bodies get the same. */
const ACTION_BODY_LIMIT = bytes.parse(nextConfig.experimental?.serverActions?.bodySizeLimit ?? '1mb');

function clientOf(req, trustProxy = process.env.LIFEBOAT_TRUST_PROXY === '1') {
  const peer = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  if (!trustProxy) return peer;
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return forwarded.pop() ?? peer;
}

// A refused upload is still read (and thrown away) for a while, so the client gets to read the
// answer instead of a reset connection; one that keeps sending is cut off.
const DISCARD_LIMIT = 64 * 1024 * 1024;

function answer(req, res, { status, message, headers }, close = false) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(`${message}\n`);
  if (!req.readableEnded) {
    let discarded = 0;
    req.on('data', (chunk) => {
      discarded += chunk.length;
      if (discarded > DISCARD_LIMIT) req.destroy();
    });
    req.resume();
  }
}

/** The whole body; 'too large' once it passes the limit, 'gone' if the client went away first. */
function readBody(req, limit) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) resolve('too large');
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve('gone'));
    req.on('close', () => resolve(req.complete ? Buffer.concat(chunks) : 'gone'));
  });
}

// Next reads the body from the request stream itself; once read here, the stream's methods are
// pointed at a copy of it, as Next does for its own proxy (next/dist/server/body-streams.js).
function replaceBody(req, body) {
  const copy = new Readable({ read() {} });
  copy.push(body);
  copy.push(null);
  for (const key in copy) {
    const value = copy[key];
    req[key] = typeof value === 'function' ? value.bind(copy) : value;
  }
}

/** A refusal for a possible server action, or null once its body has been put back for Next. */
async function guardAction(req, known) {
  const refused = refuseOrigin(req.headers) ?? refuseLength(req.headers, ACTION_BODY_LIMIT);
  if (refused) return { ...refused, close: refused.status === 413 };
  const actionId = req.headers['next-action'];
  if (actionId !== undefined) {
    const unknown = refuseActionId(String(actionId), known);
    if (unknown) return unknown;
  }
  const body = await readBody(req, ACTION_BODY_LIMIT);
  if (body === 'gone') return { gone: true };
  if (body === 'too large') return { ...tooLarge(ACTION_BODY_LIMIT), close: true };
  const contentType = String(req.headers['content-type'] ?? '');
  const bad =
    actionId !== undefined
      ? await refuseActionBody(body, contentType, known)
      : await refuseFormPost(body, contentType, known);
  if (bad) return bad;
  replaceBody(req, body);
  return null;
}

export async function serve({ dir, port, hostname }) {
  // Imported here, not at the top: the primary of several web processes never loads Next.
  const { default: next } = await import('next');
  const app = next({ dev: false, dir, port, hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  const known = knownActions(dir);
  const answering = new Set();
  const turns = renderTurns(rendersAtOnce(process.env.LIFEBOAT_WEB_RENDERS));
  const server = http.createServer(async (req, res) => {
    answering.add(res);
    res.once('close', () => answering.delete(res));
    if (takesTurn(req.method, req.url)) {
      const release = await turns.take();
      res.once('close', release);
      if (res.destroyed || req.destroyed) return release();
    }
    req.headers['x-lifeboat-client'] = clientOf(req);
    try {
      const refused =
        refuseUrl(req.url) ??
        refuseHost(req.headers) ??
        (isPossibleAction(req)
          ? await guardAction(req, known)
          : isApiWrite(req)
            ? refuseLength(req.headers, ACTION_BODY_LIMIT)
            : null);
      if (refused?.gone) return res.destroy();
      if (refused) return answer(req, res, refused, refused.close);
      await handle(req, res);
    } catch (error) {
      console.error(error);
      if (!res.headersSent) answer(req, res, { status: 500, message: 'Internal server error.' });
      else res.destroy();
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, resolve);
  });
  answeringOf.set(server, answering);
  return server;
}

/** Each server's responses in progress, so that stopping can close their connections after them. */
const answeringOf = new WeakMap();

// ---- Several web processes (LIFEBOAT_WEB_PROCESSES) ----
//
// Next serves a request on one thread, so one process uses one core. With LIFEBOAT_WEB_PROCESSES
// = N (a number, or `auto` for one per CPU) a primary process forks N web processes through
// node:cluster; each runs serve() on the same port (the primary holds the listening socket and
// hands connections to them in turn), one that dies unexpectedly is started again, and SIGTERM
// or SIGINT stops them all. What they must agree on is in the database they share: sessions are
// signed with NEXTAUTH_SECRET (one environment), the sign-in throttle counts the audit log, the
// API's rate limits and the sign-in failure counter are rows (lib/api/rate-limits.ts,
// lib/auth/signin-failures.ts), idempotency keys and job and store leases are rows too.
//
// The job worker and backup scheduler (instrumentation.ts) run in web process 1 only; the others
// start with LIFEBOAT_WORKER=0. The job engine is lease-based and safe with any number of
// workers, but a worker in every web process would multiply the jobs running at once
// (LIFEBOAT_WORKER_CONCURRENCY is per worker) and put backups' compression on every core that is
// meant to answer pages; more workers are `npm run worker` processes. A restarted process 1
// takes its worker again (the jobs the dead one held come back when their leases expire).

/** How many web processes LIFEBOAT_WEB_PROCESSES asks for: 1 unless set, `auto` one per CPU. */
export function webProcesses(value = process.env.LIFEBOAT_WEB_PROCESSES, cpus = os.availableParallelism()) {
  const text = String(value ?? '').trim();
  if (text === '') return 1;
  if (text.toLowerCase() === 'auto') return Math.max(1, cpus);
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new Error(`LIFEBOAT_WEB_PROCESSES must be a whole number from 1 to 64, or "auto"; it is "${text}".`);
  return n;
}

/** How long a stopping process may take to finish its requests and jobs before it is killed. */
const STOP_GRACE_MS = 15_000;
/** A process that dies sooner than this after it started is restarted only after this long. */
const RESTART_PAUSE_MS = 5_000;

// Stops taking connections, lets the requests in progress end, hands the in-process job
// worker's running jobs back to the queue (lib/operations/app-worker.ts keeps it on
// globalThis), then exits; a request or job that takes too long is cut off. A kept-alive
// connection would go on bringing requests: each one answered from now on closes it.
function closeAfterAnswer(server, res) {
  if (!res.headersSent) res.setHeader('Connection', 'close');
  else res.once('finish', () => setImmediate(() => server.closeIdleConnections()));
}

function stopOnSignals(server) {
  let stopping = false;
  const stop = () => {
    if (stopping) return; // Ctrl-C reaches every process of the group, and the primary signals too.
    stopping = true;
    setTimeout(() => process.exit(1), STOP_GRACE_MS).unref();
    for (const res of answeringOf.get(server) ?? []) closeAfterAnswer(server, res);
    server.on('request', (req, res) => closeAfterAnswer(server, res));
    const closed = new Promise((resolve) => server.close(resolve));
    Promise.all([closed, globalThis.lifeboatAppWorker?.stop()])
      .catch((error) => console.error(error))
      .finally(() => process.exit(0));
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, stop);
  // The primary went away without stopping us: stop as if told to.
  if (cluster.isWorker) process.on('disconnect', stop);
}

// The primary: forks the web processes, resolves once every one listens (rejects if one stops
// before it does), restarts any that dies afterwards, and stops them all on a signal.
function runPrimary({ dir, port, hostname, processes }) {
  cluster.setupPrimary({ exec: fileURLToPath(import.meta.url), args: [] });
  const settings = JSON.stringify({ dir, port, hostname });
  const slots = new Map(); // cluster worker id -> { index, startedAt }
  let stopping = false;

  function fork(index) {
    const env = { LIFEBOAT_SERVE: settings, LIFEBOAT_WEB_PROCESS: String(index) };
    if (index > 1) env.LIFEBOAT_WORKER = '0';
    const worker = cluster.fork(env);
    slots.set(worker.id, { index, startedAt: Date.now() });
    return worker;
  }

  const ready = new Promise((resolve, reject) => {
    let listening = 0;
    let started = false;
    cluster.on('listening', () => {
      if (!started && ++listening === processes) {
        started = true;
        resolve();
      }
    });
    cluster.on('exit', (worker, code, signal) => {
      const slot = slots.get(worker.id);
      slots.delete(worker.id);
      if (stopping || !slot) return;
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (!started) {
        stopping = true;
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
        reject(new Error(`Web process ${slot.index} stopped (${how}) before it was serving.`));
        return;
      }
      const pause = Date.now() - slot.startedAt < RESTART_PAUSE_MS ? RESTART_PAUSE_MS : 0;
      console.error(`Web process ${slot.index} (pid ${worker.process.pid}) stopped (${how}); starting another.`);
      setTimeout(() => stopping || fork(slot.index), pause);
    });
  });

  const stop = () => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter(Boolean);
    if (!workers.length) process.exit(0);
    let left = workers.length;
    for (const worker of workers) {
      worker.once('exit', () => --left === 0 && process.exit(0));
      worker.process.kill('SIGTERM');
    }
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }, STOP_GRACE_MS + 2_000).unref();
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, stop);

  for (let index = 1; index <= processes; index++) fork(index);
  return ready;
}

/**
 * Serves on `port` with `processes` web processes (one: this process itself, as before) and
 * stops gracefully on SIGTERM or SIGINT. Resolves once every process is listening.
 */
export async function serveProcesses({ dir, port, hostname, processes = webProcesses() }) {
  if (processes <= 1) {
    const server = await serve({ dir, port, hostname });
    stopOnSignals(server);
    return;
  }
  await runPrimary({ dir, port, hostname, processes });
}

// A web process forked by the primary runs this file itself.
if (cluster.isWorker && process.env.LIFEBOAT_SERVE) {
  const server = await serve(JSON.parse(process.env.LIFEBOAT_SERVE));
  stopOnSignals(server);
}
