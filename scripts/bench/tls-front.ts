import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

// An https front for the loopback Swift, so restic's S3 backend can be the benchmark's peer on
// the same server. Over plain http restic 0.14 signs uploads as aws-chunked, which Swift 2.30's
// s3api refuses; over https it sends unsigned payloads, which Swift takes
// (../shared/TOOLCHAIN.md). Requests are passed on byte for byte, the Host header included, so
// the SigV4 signature the client made for this front's address still verifies at Swift.
//
// The certificate is self-signed for 127.0.0.1, made at start by openssl in `dir`; clients trust
// it by file (`restic --cacert`). The front runs in the benchmark's own process: its CPU time
// while restic runs is what TLS and the extra hop cost (reported beside restic's).

const run = promisify(execFile);

export type TlsFront = {
  /** https://127.0.0.1:<port> */
  url: string;
  /** The self-signed certificate (PEM) to trust. */
  cacert: string;
  close(): Promise<void>;
};

export async function startTlsFront(dir: string, upstream: { host: string; port: number }): Promise<TlsFront> {
  await fs.mkdir(dir, { recursive: true });
  const key = path.join(dir, 'tls-front.key');
  const cacert = path.join(dir, 'tls-front.crt');
  // P-256: handshakes are cheap, and Go (restic) requires the address in subjectAltName.
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    key,
    '-out',
    cacert,
  ]);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const server = https.createServer({ key: await fs.readFile(key), cert: await fs.readFile(cacert) }, (req, res) => {
    const onward = http.request(
      { ...upstream, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    onward.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`tls-front: ${error.message}`);
    });
    // A client that goes away mid-request takes the onward request with it.
    res.on('close', () => res.writableFinished || onward.destroy());
    req.pipe(onward);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    cacert,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
