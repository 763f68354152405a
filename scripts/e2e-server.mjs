// The server Playwright starts: a fresh data directory every run (refusing anything that looks
// like real data), then exactly what `npm start` does.
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.env.DATA_DIR || '.e2e-data');
if (!/e2e/.test(path.basename(dir))) {
  console.error(`Refusing to wipe ${dir}: the e2e data directory's name must contain "e2e".`);
  process.exit(1);
}
if (process.env.DATABASE_URL) {
  console.error('Refusing to run end-to-end tests against DATABASE_URL; they use their own SQLite file.');
  process.exit(1);
}
delete process.env.DATABASE_URL;
fs.rmSync(dir, { recursive: true, force: true });
// The server's own output also goes to a file, so a spec can check nothing was logged as a crash.
fs.mkdirSync(dir, { recursive: true });
const log = fs.createWriteStream(path.join(dir, 'server.log'));
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  stream.write = (chunk, ...rest) => {
    log.write(chunk);
    return write(chunk, ...rest);
  };
}
await import('./start.mjs');
