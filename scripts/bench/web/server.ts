// The production server for one seeded database: built once when the build is missing or older
// than the sources (as scripts/start.mjs decides), started on a free port in 3200-3299 with no
// job worker, and its memory read from /proc (summed over any processes it forks).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds with `next build` unless .next/BUILD_ID is newer than app, components, lib, public and the configs. */
export function ensureBuild(root: string, log: (line: string) => void) {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  const sources = ['app', 'components', 'lib', 'public'].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
  const configs = ['next.config.js', 'package.json', 'postcss.config.mjs'].map((f) => path.join(root, f));
  const newest = Math.max(...sources.map(newestMtime), ...configs.map((f) => fs.statSync(f).mtimeMs));
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs >= newest) return;
  log('building the production server (npm run build)…');
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'next'), ['build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  for (let port = 3200; port < 3300; port++) if (await portFree(port)) return port;
  throw new Error('no free port in 3200-3299');
}

export type BenchServer = { origin: string; pid: number; stop: () => Promise<void> };

export async function startServer(
  root: string,
  databaseUrl: string,
  dataDir: string,
  processes: string,
): Promise<BenchServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    LIFEBOAT_SECRET_KEY: randomBytes(32).toString('base64url'),
    AUTH_TRUST_HOST: 'true',
    LIFEBOAT_WORKER: '0',
    LIFEBOAT_WEB_PROCESSES: processes,
    LIFEBOAT_DEMO: '0',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  delete env.NEXTAUTH_URL;
  const child = spawn(process.execPath, [path.join(root, 'scripts/bench/web/serve-child.mjs')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logFile = fs.createWriteStream(path.join(dataDir, 'server.log'));
  child.stdout!.pipe(logFile);
  child.stderr!.pipe(logFile);
  await waitUntilListening(child, port, path.join(dataDir, 'server.log'));
  return { origin: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => stop(child) };
}

async function waitUntilListening(child: ChildProcess, port: number, log: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}); see ${log}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      await res.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not answer within 60 s; see ${log}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

// A process's children, from every one of its threads (a child belongs to the thread that forked it).
function children(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((task) => fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/))
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** The resident memory of `pid` and every process under it, in bytes (0 once it is gone). */
export function treeRss(pid: number): number {
  let total = 0;
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    total += kb ? Number(kb[1]) * 1024 : 0;
  } catch {
    return 0;
  }
  return children(pid).reduce((sum, c) => sum + treeRss(c), total);
}

/** CPU seconds (user + system) used so far by `pid` and the processes under it. */
export function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
  } catch {
    return 0;
  }
  return children(pid).reduce((sum, c) => sum + treeCpuSeconds(c), ticks / 100);
}
