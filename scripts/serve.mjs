// Serves the built app, as `next start` does, through a plain Node HTTP server so that the
// caller's address is known for sure: Next itself only copies X-Forwarded-For from the request,
// which any client can write. Here the socket's peer (or, with LIFEBOAT_TRUST_PROXY=1, the last
// address a reverse proxy appended) goes into X-Lifeboat-Client, overwriting whatever was sent;
// the audit log and the sign-in throttle read only that header (lib/auth/request.ts).
import http from 'node:http';
import next from 'next';

export function clientOf(req, trustProxy = process.env.LIFEBOAT_TRUST_PROXY === '1') {
  const peer = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  if (!trustProxy) return peer;
  const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return forwarded.pop() ?? peer;
}

export async function serve({ dir, port, hostname }) {
  const app = next({ dev: false, dir, port, hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((req, res) => {
    req.headers['x-lifeboat-client'] = clientOf(req);
    handle(req, res);
  });
  await new Promise((resolve) => server.listen(port, hostname, resolve));
  return server;
}
