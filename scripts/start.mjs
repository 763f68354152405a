// `npm start`: build when the sources are newer than the last build, migrate the database,
// seed on first start, then serve. Everything a fresh clone needs after `npm install`.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const dataDir = path.resolve(process.env.DATA_DIR || './data');
process.env.DATA_DIR = dataDir;
fs.mkdirSync(dataDir, { recursive: true });
const port = process.env.PORT || '3000';

// next-auth signs sessions with NEXTAUTH_SECRET; without one we make one and keep it with the data.
if (!process.env.NEXTAUTH_SECRET) {
  const file = path.join(dataDir, '.nextauth-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
  process.env.NEXTAUTH_SECRET = fs.readFileSync(file, 'utf8').trim();
}
// Provider tokens are encrypted with LIFEBOAT_SECRET_KEY (lib/crypto/secrets.ts); the same goes
// for it. Losing this file loses the stored tokens: keep a copy, but not beside the database's
// backups (the two together give the tokens away).
if (!process.env.LIFEBOAT_SECRET_KEY) {
  const file = path.join(dataDir, '.secret-key');
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
  process.env.LIFEBOAT_SECRET_KEY = fs.readFileSync(file, 'utf8').trim();
}
// A self-hosted app is reached under whatever host the operator gives it.
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= 'true';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

// Next names every server action by a hash salted with the key it builds with
// (NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, else a random key of its own), so web servers on several
// hosts agree on those names only when they serve one build or builds made with the same key. A
// key set or changed since the last build would leave this host's names another key's.
function builtWithAnotherKey() {
  const key = process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY;
  if (!key) return false;
  try {
    return (
      JSON.parse(fs.readFileSync(path.join(root, '.next', 'server', 'server-reference-manifest.json'), 'utf8'))
        .encryptionKey !== key
    );
  } catch {
    return true;
  }
}

function needsBuild() {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId) || builtWithAnotherKey()) return true;
  const sources = ['app', 'components', 'lib', 'public'].filter((d) => fs.existsSync(d)).map(newestMtime);
  const configs = ['next.config.js', 'package.json', 'postcss.config.mjs'].map((f) => fs.statSync(f).mtimeMs);
  return Math.max(...sources, ...configs) > fs.statSync(buildId).mtimeMs;
}

function run(cmd, args) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

// `npm run dev` (--dev): the same secrets, migrations and seed, then Next's dev server.
const dev = process.argv.includes('--dev');
// LIFEBOAT_WEB_PROCESSES: how many web server processes share the port (scripts/serve.mjs);
// read before building, so a wrong value stops us at once.
const { serveProcesses, webProcesses } = await import('./serve.mjs');
let processes = 1;
try {
  if (!dev) processes = webProcesses(process.env.LIFEBOAT_WEB_PROCESSES);
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
if (!dev && process.env.LIFEBOAT_SKIP_BUILD !== '1' && needsBuild()) {
  console.log('Building Lifeboat…');
  run(bin('next'), ['build']);
}
const { migrate } = await import('./migrate.mjs');
const applied = await migrate();
console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date.');
run(bin('tsx'), ['scripts/seed.ts']);

if (dev) {
  const child = spawn(bin('next'), ['dev', '-p', port], { stdio: 'inherit', env: process.env });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  await serveProcesses({ dir: root, port: Number(port), processes });
  const many = processes > 1 ? ` with ${processes} web processes` : '';
  console.log(`Lifeboat is running on http://localhost:${port}${many}`);
}
