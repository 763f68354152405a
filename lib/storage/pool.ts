import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Region } from './slots';

// A process-wide pool of two worker threads for chunk hashing and compression.
//
// Why threads rather than libuv's pool: zstd-napi has no asynchronous API, so with libuv only the
// hashing (crypto.subtle.digest) leaves the main thread, and zstd shares it with all the I/O (and,
// back then, a sequential whole-disk SHA-256). Measured with scripts/bench/threads.ts (256 MiB, main
// thread also feeding that whole-disk SHA-256, 2 cores): on the bench disk's data both reach ~700 MiB/s (its random
// chunks skip zstd, see chunk-worker.mjs); on chunks zstd must really compress, workers 730 MiB/s
// against 580 MiB/s. Workers also keep multi-millisecond zstd calls off the app server's event loop.
//
// The pool is shared by every operation in the process (no per-capture start-up). Its workers are
// unref'd while idle so they never keep a script alive, and stopped after IDLE_MS without work so a
// long-running server gives their memory back. A crashed worker is replaced on the next task (its
// tasks fail with the crash's message).

/** Two workers: these machines have two cores, and the main thread also needs some (I/O, zero
 *  detection); more workers would only contend. */
const POOL_SIZE = 2;

export type ChunkTask =
  | { op: 'capture'; chunksDir: string }
  | { op: 'compress'; seal?: string }
  | { op: 'hash' }
  | { op: 'restore'; expectLen: number; open?: string };

export type ChunkResult = { hash?: string; exists?: boolean; clen?: number; corrupt?: string };

type Pending = { resolve: (r: ChunkResult) => void; reject: (e: Error) => void };
type Entry = { worker: Worker; pending: Map<number, Pending> };

export const IDLE_MS = 30_000;

/**
 * The worker file's path, resolved at run time from the project root (the app always runs from
 * there). turbopackIgnore keeps the bundler from trying to trace or bundle it; the env variable
 * is an escape hatch for layouts where cwd is not the project root.
 */
function workerFile(): string {
  return (
    process.env.LIFEBOAT_CHUNK_WORKER ??
    path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib', 'storage', 'chunk-worker.mjs')
  );
}

let workers: Entry[] = [];
let nextId = 1;
let idleTimer: NodeJS.Timeout | undefined;

function settled(): void {
  if (workers.some((w) => w.pending.size)) return;
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void closeChunkPool(), IDLE_MS);
  idleTimer.unref();
}

function start(): Entry {
  const file = workerFile();
  if (!existsSync(file))
    throw new Error(`chunk worker not found at ${file}: run from the project root or set LIFEBOAT_CHUNK_WORKER`);
  const worker = new Worker(file, { name: 'lifeboat-chunks' });
  const entry: Entry = { worker, pending: new Map() };
  worker.unref();
  worker.on('message', (msg: { id: number; ok: boolean; error?: string } & ChunkResult) => {
    const task = entry.pending.get(msg.id);
    if (!task) return;
    entry.pending.delete(msg.id);
    if (entry.pending.size === 0) worker.unref();
    if (msg.ok) task.resolve(msg);
    else task.reject(new Error(`chunk worker: ${msg.error}`));
    settled();
  });
  const fail = (error: Error) => {
    workers = workers.filter((w) => w !== entry);
    for (const task of entry.pending.values()) task.reject(error);
    entry.pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`chunk worker exited with code ${code}`)));
  return entry;
}

/** Runs a task on the least busy worker (starting workers on first use): it reads `inLen` bytes
 *  of `input` and may write up to `outCap` bytes into `output`. */
export function runChunkTask(
  task: ChunkTask,
  input: Region,
  inLen: number,
  output: Region,
  outCap = output.size,
): Promise<ChunkResult> {
  clearTimeout(idleTimer);
  while (workers.length < POOL_SIZE) workers.push(start());
  const entry = workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  const id = nextId++;
  return new Promise((resolve, reject) => {
    if (entry.pending.size === 0) entry.worker.ref();
    entry.pending.set(id, { resolve, reject });
    entry.worker.postMessage({
      id,
      ...task,
      inSab: input.sab,
      inOff: input.off,
      inLen,
      outSab: output.sab,
      outOff: output.off,
      outCap,
    });
  });
}

/** Stops the workers (tests and scripts that want a clean exit; the next task restarts them). */
export async function closeChunkPool(): Promise<void> {
  clearTimeout(idleTimer);
  const old = workers;
  workers = [];
  await Promise.all(old.map((w) => w.worker.terminate()));
}
