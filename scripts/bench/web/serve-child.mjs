// The server the web bench starts: scripts/serve.mjs as `npm start` runs it, without the build,
// migrate and seed steps the bench has done itself. The environment comes from the bench.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
process.chdir(root);
const server = await serve({ dir: root, port: Number(process.env.PORT), hostname: '127.0.0.1' });
console.log(`listening on ${process.env.PORT}`);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
