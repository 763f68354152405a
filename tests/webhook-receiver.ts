import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

// A real webhook receiver on loopback for the alert tests: it checks every request's signature
// with the Standard Webhooks reference library (not Lifeboat's own code) and keeps what came.

export type Received = { id: string; timestamp: string; body: string; verified: boolean; payload: unknown };

export type Receiver = {
  url: string;
  received: Received[];
  /** How the next requests are answered (status and body); 200 "ok" by default. */
  answer: (respond: (n: number) => { status: number; body?: string; headers?: Record<string, string> }) => void;
  close: () => Promise<void>;
};

export async function startReceiver(secret: () => string | null, path = '/hook'): Promise<Receiver> {
  const received: Received[] = [];
  let respond = (_n: number): { status: number; body?: string; headers?: Record<string, string> } => ({
    status: 200,
    body: 'ok',
  });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = {
        'webhook-id': String(req.headers['webhook-id'] ?? ''),
        'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
        'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
      };
      let verified = false;
      let payload: unknown = null;
      const key = secret();
      try {
        if (key) {
          payload = new Webhook(key).verify(body, headers);
          verified = true;
        }
      } catch {
        verified = false;
      }
      received.push({ id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], body, verified, payload });
      const answer = respond(received.length);
      res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    answer: (r) => void (respond = r),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
