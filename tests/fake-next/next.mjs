import fs from 'node:fs';

// A stand-in for Next's programmatic server: each request is answered with which web process
// took it, and /slow after a second and a half. Where the job worker would start (web process 1
// unless LIFEBOAT_WORKER=0, as instrumentation.ts decides), a fake one is left on globalThis
// that writes to FAKE_NEXT_LOG when stopped. FAKE_NEXT_FAIL=1 makes prepare() fail.
export default function next() {
  const index = process.env.LIFEBOAT_WEB_PROCESS ?? null;
  return {
    async prepare() {
      if (process.env.FAKE_NEXT_FAIL === '1') throw new Error('fake prepare failed');
      if (process.env.LIFEBOAT_WORKER !== '0')
        globalThis.lifeboatAppWorker = {
          stop: async () => fs.appendFileSync(process.env.FAKE_NEXT_LOG, `worker stopped in ${index}\n`),
        };
    },
    getRequestHandler() {
      return async (req, res) => {
        if (req.url === '/slow') await new Promise((resolve) => setTimeout(resolve, 1500));
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            pid: process.pid,
            index,
            worker: process.env.LIFEBOAT_WORKER ?? null,
            client: req.headers['x-lifeboat-client'],
          }),
        );
      };
    },
  };
}
