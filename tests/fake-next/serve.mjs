// Runs scripts/serve.mjs as `npm start` does once built (LIFEBOAT_WEB_PROCESSES, PORT), over the
// fake Next (start it with --import ./tests/fake-next/register.mjs); prints "ready" once serving.
import os from 'node:os';
import { serveProcesses, webProcesses } from '../../scripts/serve.mjs';

await serveProcesses({ dir: os.tmpdir(), port: Number(process.env.PORT), processes: webProcesses() });
console.log('ready');
