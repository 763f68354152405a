// Serves the built app, as `next start` does, through a plain Node HTTP server so that the
// caller's address is known for sure: Next itself only copies X-Forwarded-For from the request,
// which any client can write. Here the socket's peer (or, with LIFEBOAT_TRUST_PROXY=1, the last
// address a reverse proxy appended) goes into X-Lifeboat-Client, overwriting whatever was sent;
// the audit log and the sign-in throttle read only that header (lib/auth/request.ts).
// Requests Next would answer with a 500 are answered here first (lib/http/request-guard.mjs).
import http from 'node:http';
import { Readable } from 'node:stream';
import next from 'next';
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
  const app = next({ dev: false, dir, port, hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  const known = knownActions(dir);
  const server = http.createServer(async (req, res) => {
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
  await new Promise((resolve) => server.listen(port, hostname, resolve));
  return server;
}
