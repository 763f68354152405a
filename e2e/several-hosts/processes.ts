import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

// The processes of a several-hosts run: each in its own process group (detached), its output in a
// file, stopped by group so nothing it started outlives the test.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type Proc = {
  name: string;
  pid: number;
  logFile: string;
  /** Resolves with the exit code (or the signal's name) once the process has gone. */
  exited: Promise<number | string>;
  log(): string;
};

/** Starts `node <args>` from the project root with exactly `env` (plus PATH and HOME). */
export function launch(name: string, args: string[], env: Record<string, string>, logDir: string): Proc {
  const logFile = path.join(logDir, `${name}.log`);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/root',
      NODE_ENV: 'production',
      ...env,
    },
  });
  fs.closeSync(out);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'gone')),
  );
  if (!child.pid) throw new Error(`${name} did not start`);
  return { name, pid: child.pid, logFile, exited, log: () => fs.readFileSync(logFile, 'utf8') };
}

/** Waits for `check` to return a value (not undefined/false), failing with the process's log. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  options: { timeoutMs?: number; everyMs?: number; proc?: Proc } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let exitedWith: number | string | undefined;
  void options.proc?.exited.then((code) => (exitedWith = code));
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    const tail = () => (options.proc ? `\n--- ${options.proc.name} log ---\n${options.proc.log().slice(-4000)}` : '');
    if (exitedWith !== undefined)
      throw new Error(`${options.proc!.name} exited (${exitedWith}) before ${what}${tail()}`);
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${tail()}`);
    await sleep(options.everyMs ?? 100);
  }
}

/** Waits until the web server answers its health URL with status ok. */
export function waitForHealth(proc: Proc, baseUrl: string) {
  return waitFor(
    `${proc.name} to answer ${baseUrl}/api/health`,
    async () => {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
      return res?.ok && ((await res.json()) as { status: string }).status === 'ok';
    },
    { proc, timeoutMs: 90_000, everyMs: 250 },
  );
}

/** A worker's id, from the line it prints once it claims jobs (scripts/worker.ts). */
export function waitForWorkerId(proc: Proc) {
  return waitFor(`${proc.name} to start claiming jobs`, () => /Worker (\S+) is running jobs/.exec(proc.log())?.[1], {
    proc,
    timeoutMs: 60_000,
  });
}

function signalGroup(proc: Proc, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-proc.pid, signal);
    return true;
  } catch {
    return false; // the group is gone already
  }
}

/** SIGTERM to the process group, SIGKILL if it has not gone after `graceMs`. */
export async function stop(proc: Proc, graceMs = 10_000): Promise<void> {
  if (!signalGroup(proc, 'SIGTERM')) return;
  const gone = await Promise.race([proc.exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!gone) signalGroup(proc, 'SIGKILL');
  await proc.exited;
  // The group may hold children of the process (a build, a seed); none may outlive it.
  signalGroup(proc, 'SIGKILL');
}

/** Freezes (SIGSTOP) or thaws (SIGCONT) the whole process group, as a paused VM would be. */
export function pause(proc: Proc) {
  if (!signalGroup(proc, 'SIGSTOP')) throw new Error(`${proc.name} is not running`);
}
export function resume(proc: Proc) {
  signalGroup(proc, 'SIGCONT');
}

/** Runs `node <args>` to completion; fails with its output when it does not exit 0. */
export async function run(name: string, args: string[], env: Record<string, string>, logDir: string): Promise<void> {
  const proc = launch(name, args, env, logDir);
  const code = await proc.exited;
  if (code !== 0) throw new Error(`${name} failed (${code}):\n${proc.log().slice(-4000)}`);
}
