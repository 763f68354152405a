// Answers the requests Next.js would turn into a 500 (and a stack trace in the log) with a
// plain 4xx before Next sees them: a path with a broken %-escape, a server-action post from
// another origin, one over the body limit, for an action that does not exist, or with a body
// React's decoder cannot read. Everything else passes through untouched.
import fs from 'node:fs';
import path from 'node:path';

/** A refusal: the status and the one line of text the client gets. */
const refuse = (status, message, headers = {}) => ({ status, message, headers });

/** The first check on every request: its path must decode (Next answers 500 to `/api/jobs/%zz`). */
export function refuseUrl(url) {
  const pathname = String(url ?? '/').split('?')[0];
  try {
    decodeURIComponent(pathname);
  } catch {
    return refuse(400, 'Bad request: the address has an invalid %-escape.');
  }
  return null;
}

// A host name, IPv4 or [IPv6] address, with an optional port: what Host and X-Forwarded-Host
// may say. next-auth builds its URLs from them, and a value no URL can hold is a 500 there.
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** Host and X-Forwarded-Host (each of its values) must be host names. */
export function refuseHost(headers) {
  // An empty X-Forwarded-Host (or an empty item in its list) says nothing, as Next reads it.
  const forwarded = String(headers['x-forwarded-host'] ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const values = headers.host === undefined ? forwarded : [String(headers.host).trim(), ...forwarded];
  return values.every((host) => HOST.test(host))
    ? null
    : refuse(400, 'Bad request: the Host header is not a host name.');
}

const UPLOAD_PATH = '/api/images/upload';

/**
 * A POST, PUT or PATCH to an API route: refused by its declared length over the limit. Not an
 * image upload, whose body is a disk image file that its route streams to disk under its own cap.
 */
export function isApiWrite(req) {
  const pathname = String(req.url ?? '').split('?')[0];
  return ['POST', 'PUT', 'PATCH'].includes(req.method) && pathname.startsWith('/api/') && pathname !== UPLOAD_PATH;
}

/** A body that says it is JSON must be JSON (next-auth's handler throws on one that is not: a 500). */
export function refuseJsonBody(text, contentType) {
  if (!/\bjson\b/i.test(contentType ?? '')) return null;
  try {
    JSON.parse(text);
    return null;
  } catch {
    return refuse(400, 'Bad request: the body is not valid JSON.');
  }
}

/**
 * Next treats a POST to a page as a possible server action when it names one (Next-Action) or
 * carries a multipart form (a form posted before the page's JavaScript ran). Route handlers
 * under /api read their own bodies.
 */
export function isPossibleAction(req) {
  if (req.method !== 'POST' || String(req.url ?? '').startsWith('/api/')) return false;
  return (
    req.headers['next-action'] !== undefined || /^multipart\/form-data/i.test(String(req.headers['content-type'] ?? ''))
  );
}

/**
 * Cross-site request forgery: a browser always sends Origin on a POST, and it must be this
 * app's host, as Next compares it (X-Forwarded-Host, else Host). No Origin at all is a
 * hand-made request, which carries no one's cookies but its sender's; Next lets it through.
 */
export function refuseOrigin(headers) {
  const origin = headers.origin;
  if (origin === undefined) return null;
  const host = String(headers['x-forwarded-host'] ?? headers.host ?? '')
    .split(',')[0]
    .trim();
  let originHost = null;
  try {
    originHost = new URL(String(origin)).host;
  } catch {
    // "null" (a sandboxed page or a redirect) and anything unparsable are not this app.
  }
  if (!host || originHost !== host)
    return refuse(403, 'Forbidden: server actions are accepted only from this app’s own pages.');
  return null;
}

/** Over the limit by its declared length, before reading a byte of it. */
export function refuseLength(headers, limit) {
  const length = Number(headers['content-length']);
  return Number.isFinite(length) && length > limit ? tooLarge(limit) : null;
}

export const tooLarge = (limit) =>
  refuse(413, `Payload too large: a form can send at most ${Math.round(limit / 1024)} KiB.`);

const NOT_FOUND_HEADER = { 'x-nextjs-action-not-found': '1' };
const ID_FORMAT = /^[0-9a-f]{42}$/;

/** Next's answer to an unknown action (the client router reads the header), without its stack trace. */
export function refuseActionId(id, known) {
  if (!ID_FORMAT.test(id)) return refuse(400, 'Invalid Server Action request.', NOT_FOUND_HEADER);
  if (known && !known.has(id)) return refuse(409, 'Server Action unavailable.', NOT_FOUND_HEADER);
  return null;
}

/** The ids of every server action in the build, from Next's own manifest (null: no build to read). */
export function knownActions(dir) {
  try {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(dir, '.next', 'server', 'server-reference-manifest.json'), 'utf8'),
    );
    return new Set([...Object.keys(manifest.node ?? {}), ...Object.keys(manifest.edge ?? {})]);
  } catch {
    return null;
  }
}

const badBody = () => refuse(400, 'Bad request: the form data could not be read.');

// React's reply format (what the browser's encodeReply writes): a JSON row per part, the root
// in part "0" (or the whole body when it is not multipart), and strings such as "$1", "$@2" or
// "$Q3" pointing at other parts. A pointer to a part that is not there makes React's decoder
// wait for it and fail with "Connection closed"; a root that is not a list of arguments, or a
// row that is not JSON, fails too. These are the shapes checked here; anything subtler still
// reaches React (and a 500 from Next, as its README entry says).
const SELF_CONTAINED = new Set(['$', 'u', 'N', 'I', '-', 'D', 'n', 'T', 'K', 'B']);

// Next refuses more arguments than this with a thrown error (a 500).
const MAX_ARGS = 1000;

/** The parts a row points at, as { part, serverRef } (part null: a pointer React cannot follow). */
function rowRefs(value, out) {
  if (typeof value === 'string') {
    if (value[0] !== '$' || value.length < 2 || SELF_CONTAINED.has(value[1])) return out;
    const hex = /^[0-9a-f]/.test(value[1]) ? value.slice(1) : value.slice(2);
    out.push({ part: /^[0-9a-f]+$/.test(hex) ? String(parseInt(hex, 16)) : null, serverRef: value[1] === 'F' });
  } else if (Array.isArray(value)) value.forEach((v) => rowRefs(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => rowRefs(v, out));
  return out;
}

function parseJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** A fetch action's body (Next-Action header): every row JSON, the root a list, every pointer resolvable. */
export async function refuseActionBody(body, contentType, known) {
  const isArgs = (v) => Array.isArray(v) && v.length <= MAX_ARGS;
  if (!/^multipart\/form-data/i.test(contentType ?? '')) {
    const root = parseJson(body.toString('utf8'));
    if (!root.ok || !isArgs(root.value) || rowRefs(root.value, []).length > 0) return badBody();
    return null;
  }
  const form = await formOf(body, contentType);
  if (!form) return badBody();
  const seen = new Set();
  // A server reference ($F) points at a part holding { id, bound }: the id must be an action of this build.
  const check = (name, { root = false, serverRef = false } = {}) => {
    if (seen.has(name)) return true;
    seen.add(name);
    const part = form.get(name);
    if (typeof part !== 'string') return false;
    const row = parseJson(part);
    if (!row.ok || (root && !isArgs(row.value))) return false;
    if (serverRef && (typeof row.value?.id !== 'string' || (known && !known.has(row.value.id)))) return false;
    return rowRefs(row.value, []).every(
      (ref) => ref.part !== null && form.has(ref.part) && check(ref.part, { serverRef: ref.serverRef }),
    );
  };
  return check('0', { root: true }) ? null : badBody();
}

/** A form posted without JavaScript: it must parse, and name an action that exists. */
export async function refuseFormPost(body, contentType, known) {
  const form = await formOf(body, contentType);
  if (!form) return badBody();
  const ids = [];
  for (const [key, value] of form.entries()) {
    if (key.startsWith('$ACTION_ID_')) ids.push(key.slice('$ACTION_ID_'.length));
    else if (/^\$ACTION_\d+:0$/.test(key)) {
      const ref = typeof value === 'string' ? parseJson(value) : { ok: false };
      if (!ref.ok || typeof ref.value?.id !== 'string') return badBody();
      ids.push(ref.value.id);
    }
  }
  if (ids.length === 0) return refuse(400, 'Invalid Server Action request.', NOT_FOUND_HEADER);
  for (const id of ids) {
    const refused = refuseActionId(id, known);
    if (refused) return refused;
  }
  return null;
}

async function formOf(body, contentType) {
  try {
    return await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return null;
  }
}
