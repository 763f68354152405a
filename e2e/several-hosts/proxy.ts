import http from 'node:http';

// A loopback load balancer in front of web A and web B that sends each request where the test
// says (by default: pages from one server, server-action posts to the other) and records every
// hop, so a test can prove which server rendered a page and which one ran its action. Requests
// keep their Host header (the balancer's address), as a real balancer's do.

export type Upstream = 'A' | 'B';

export type Hop = {
  method: string;
  url: string;
  /** The Next-Action header: the id of the server action posted, if any. */
  action?: string;
  upstream: Upstream;
  status?: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
};

export type Proxy = {
  url: string;
  hops: Hop[];
  /** Where the next requests go: `pages` for everything else, `actions` for server-action posts. */
  route(to: { pages: Upstream; actions: Upstream }): void;
  close(): Promise<void>;
};

const isAction = (req: http.IncomingMessage) => req.method === 'POST' && req.headers['next-action'] !== undefined;

export async function startProxy(port: number, upstreams: Record<Upstream, number>): Promise<Proxy> {
  let routes: { pages: Upstream; actions: Upstream } = { pages: 'A', actions: 'A' };
  const hops: Hop[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const upstream = isAction(req) ? routes.actions : routes.pages;
      const hop: Hop = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        upstream,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      if (hop.method === 'POST' && req.headers['next-action']) hop.action = String(req.headers['next-action']);
      hops.push(hop);
      const forward = http.request(
        { host: '127.0.0.1', port: upstreams[upstream], method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          hop.status = answer.statusCode;
          res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-lifeboat-upstream': upstream });
          answer.pipe(res);
        },
      );
      forward.on('error', (error) => {
        hop.status = 502;
        if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
        res.end(`upstream ${upstream}: ${error.message}`);
      });
      forward.end(hop.body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    hops,
    route: (to) => void (routes = to),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a recorded server-action post again, straight to one web server, with another action id. */
export async function replayAction(
  hop: Hop,
  port: number,
  actionId: string,
): Promise<{ status: number; text: string }> {
  const headers = { ...hop.headers, 'next-action': actionId };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: hop.url, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(hop.body);
  });
}
