import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RequestStats } from './traced-objects';

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

export type LifeboatRun = {
  seconds: number;
  cpuSeconds: number;
  maxRssBytes: number;
  requests?: RequestStats;
  [key: string]: unknown;
};
export type ResticRun = { seconds: number; cpuSeconds: number | null; maxRssBytes: number | null };

/** Runs scripts/bench/child.ts with tsx; the time is the operation's own, measured inside the child.
 *  `env` carries the store's key and credentials (never on the command line). */
export async function lifeboat(
  projectRoot: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<LifeboatRun> {
  const child = path.join(projectRoot, 'scripts', 'bench', 'child.ts');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', child, ...args], {
    cwd: projectRoot,
    maxBuffer: 1 << 20,
    env: { ...process.env, ...env },
  }).catch((error: { stderr?: string }) => {
    throw new Error(`lifeboat ${args[0]} failed: ${thrownLine(error.stderr ?? String(error))}`);
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as LifeboatRun;
}

/** The "Name: message" line of an uncaught error in a child's stderr, else its last line. */
function thrownLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('Node.js v'));
  return lines.find((l) => /^[A-Z][A-Za-z]*: /.test(l)) ?? lines.at(-1) ?? 'no output';
}

// Swift's four servers (one process each: setup.sh runs them with workers = 0), by the pid files
// scripts/swift/start.mjs writes. Their CPU time while an S3 row runs is the server's share of
// the two cores (Swift is shared: other users' requests in that window count too).
const SWIFT_SERVERS = ['proxy-server', 'object-server', 'container-server', 'account-server'];
const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux architecture this runs on

/** An S3 row failed, or Swift restarted while it ran (Swift is shared: other users' tests stop it,
 *  and under their load it answers 503): the run's numbers are void and the run is started again. */
export class SwiftTroubleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SwiftTroubleError';
  }
}

type SwiftCpu = Map<string, { name: string; seconds: number }>;

/** CPU seconds (user + system) each Swift server process has used so far, by pid; null when any is not found. */
function swiftCpu(): SwiftCpu | null {
  const used: SwiftCpu = new Map();
  try {
    for (const name of SWIFT_SERVERS) {
      const pid = readFileSync(`/var/run/swift/${name}.pid`, 'utf8').trim();
      // After the command (in parentheses, may hold spaces) the 3rd field is the state; utime
      // and stime are the 14th and 15th fields of the line.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      used.set(pid, {
        name: name.replace('-server', ''),
        seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
      });
    }
  } catch {
    return null;
  }
  return used;
}

export type SwiftUse = { serverCpuSeconds: number | null; serverCpu?: Record<string, number> };

/** Runs `fn` and returns its result with Swift's CPU seconds meanwhile, in all and per server. With
 *  `s3`, a failure or a Swift that restarted (or went away) meanwhile throws SwiftTroubleError;
 *  without, the seconds are null. */
export async function withSwiftCpu<T extends object>(s3: boolean, fn: () => Promise<T>): Promise<T & SwiftUse> {
  const before = s3 ? swiftCpu() : null;
  const result = await fn().catch((error: unknown) => {
    throw s3
      ? new SwiftTroubleError(`an S3 row failed: ${error instanceof Error ? error.message : String(error)}`)
      : error;
  });
  if (!before) return { ...result, serverCpuSeconds: null };
  const after = swiftCpu();
  if (!after || [...before.keys()].some((pid) => !after.has(pid)))
    throw new SwiftTroubleError('Swift restarted while an S3 row ran');
  const serverCpu: Record<string, number> = {};
  for (const [pid, { name, seconds }] of after) serverCpu[name] = seconds - before.get(pid)!.seconds;
  return { ...result, serverCpuSeconds: Object.values(serverCpu).reduce((a, b) => a + b, 0), serverCpu };
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
  return timedCommand('restic', args, { env });
}

/**
 * Runs a command (or, with `shell`, a bash pipeline) and returns its wall-clock seconds, start-up
 * included; with GNU time installed also its CPU seconds and peak RSS (of the largest process of a
 * pipeline: GNU time reports what bash waited for).
 */
export async function timedCommand(
  cmd: string,
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string } = {},
): Promise<ResticRun> {
  const timeFile = path.join(os.tmpdir(), `lifeboat-bench-time-${process.pid}-${runs++}.txt`);
  const gnuTime = existsSync('/usr/bin/time');
  const [bin, argv] = gnuTime ? ['/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, cmd, ...args]] : [cmd, args];
  const started = performance.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(bin, argv, {
        cwd: opts.cwd,
        env: { ...process.env, ...opts.env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.trim()}`)),
      );
    });
    const seconds = (performance.now() - started) / 1000;
    if (!gnuTime) return { seconds, cpuSeconds: null, maxRssBytes: null };
    const [user, sys, rssKb] = (await fs.readFile(timeFile, 'utf8')).trim().split('\n').at(-1)!.split(' ').map(Number);
    return { seconds, cpuSeconds: user + sys, maxRssBytes: rssKb * 1024 };
  } finally {
    await fs.rm(timeFile, { force: true });
  }
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
