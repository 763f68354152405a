import { execFile, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

// Measuring helpers: cold caches, timed child processes, `du`-like sizes.

const run = promisify(execFile);

/** Drops the page cache so every timed run reads from disk (root only; silently skipped otherwise). */
export async function dropCaches(): Promise<boolean> {
  try {
    await run('sync');
    writeFileSync('/proc/sys/vm/drop_caches', '3\n');
    return true;
  } catch {
    return false;
  }
}

export type LifeboatRun = { seconds: number; cpuSeconds: number; maxRssBytes: number; [key: string]: unknown };
export type ResticRun = { seconds: number; cpuSeconds: number | null; maxRssBytes: number | null };

/** Runs scripts/bench/child.ts with tsx; the time is the operation's own, measured inside the child. */
export async function lifeboat(projectRoot: string, args: string[]): Promise<LifeboatRun> {
  const child = path.join(projectRoot, 'scripts', 'bench', 'child.ts');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', child, ...args], { cwd: projectRoot, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as LifeboatRun;
}

/** restic's version line ("restic 0.14.0 …"), or null when it is not installed. */
export async function resticVersion(): Promise<string | null> {
  try {
    const { stdout } = await run('restic', ['version']);
    return stdout.trim().split(' ').slice(0, 2).join(' ');
  } catch {
    return null;
  }
}

let runs = 0;

/** Runs restic and returns its wall-clock seconds, process start and key derivation included (that
 *  is what a restic user waits for); with GNU time installed also its CPU seconds and peak RSS. */
export async function restic(args: string[], env: Record<string, string>): Promise<ResticRun> {
  const timeFile = path.join(os.tmpdir(), `lifeboat-bench-time-${process.pid}-${runs++}.txt`);
  const gnuTime = existsSync('/usr/bin/time');
  const [cmd, argv] = gnuTime ? ['/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, 'restic', ...args]] : ['restic', args];
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`restic ${args.join(' ')} exited ${code}: ${stderr.trim()}`))));
  });
  const seconds = (performance.now() - started) / 1000;
  if (!gnuTime) return { seconds, cpuSeconds: null, maxRssBytes: null };
  const [user, sys, rssKb] = (await fs.readFile(timeFile, 'utf8')).trim().split('\n').at(-1)!.split(' ').map(Number);
  await fs.rm(timeFile, { force: true });
  return { seconds, cpuSeconds: user + sys, maxRssBytes: rssKb * 1024 };
}

/** Allocated bytes under a directory, directories included, like `du -s --block-size=1`. */
export async function allocatedBytes(dir: string): Promise<number> {
  let total = (await fs.stat(dir)).blocks * 512;
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    total += entry.isDirectory() ? await allocatedBytes(file) : (await fs.lstat(file)).blocks * 512;
  }
  return total;
}
