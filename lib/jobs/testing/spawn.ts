import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

// Starts test worker processes (see child-worker.ts) and waits until they poll.

export type ChildWorker = { child: ChildProcess; id: string; exited: Promise<number | null>; stop(): Promise<void> };

export async function spawnWorker(url: string, env: Record<string, string> = {}): Promise<ChildWorker> {
  const root = process.cwd();
  // Node with tsx's loader rather than the tsx CLI: the CLI runs the script in a second process,
  // so a SIGKILL would hit the wrapper and leave the worker running.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'lib/jobs/testing/child-worker.ts')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const id = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start within 20 s: ${stderr}`)), 20_000);
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /ready (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => (clearTimeout(timer), reject(new Error(`worker exited with ${code}: ${stderr}`))));
  });
  return {
    child,
    id,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Polls `check` until it returns a truthy value, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  timeoutMs = 15_000,
  everyMs = 50,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
