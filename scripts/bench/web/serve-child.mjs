// The server the web bench starts: scripts/serve.mjs as `npm start` runs it (LIFEBOAT_WEB_PROCESSES
// web processes on one port), without the build, migrate and seed steps the bench has done itself.
// The environment comes from the bench; SIGTERM stops every process.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveProcesses, webProcesses } from '../../serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
process.chdir(root);
const processes = webProcesses(process.env.LIFEBOAT_WEB_PROCESSES);
await serveProcesses({ dir: root, port: Number(process.env.PORT), hostname: '127.0.0.1', processes });
console.log(`listening on ${process.env.PORT} with ${processes} web process(es)`);
