import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Region } from './slots';

// A process-wide pool of two worker threads for chunk hashing and compression.
//
// Why threads and not libuv's pool: zstd-napi has no async API, so compression on the main thread
// would use one core; crypto.subtle.digest runs on libuv's pool but hashing alone is half the work.
// Measured on the 1 GiB benchmark disk (2 cores): capture with two workers 1.6 s, with
// subtle.digest + main-thread zstd 2.9 s (see the lead's note for the table).
//
// The pool is shared by every operation in the process (no per-capture start-up), its workers are
// unref'd while idle so they never keep a script alive, and a crashed worker is replaced on the
// next task (its tasks fail with the crash's message).

/** How many workers: one per core up to two, the machines this targets. */
export const POOL_SIZE = 2;

export type ChunkTask =
  | { op: 'capture'; chunksDir: string }
  | { op: 'compress' }
  | { op: 'restore'; expectLen: number };

export type ChunkResult = { hash?: string; exists?: boolean; clen?: number; corrupt?: string };

type Pending = { resolve: (r: ChunkResult) => void; reject: (e: Error) => void };
type Slot = { worker: Worker; pending: Map<number, Pending> };

/**
 * The worker file's path, resolved at run time from the project root (the app always runs from
 * there). turbopackIgnore keeps the bundler from trying to trace or bundle it; the env variable
 * is an escape hatch for layouts where cwd is not the project root.
 */
export function workerFile(): string {
  return process.env.LIFEBOAT_CHUNK_WORKER ?? path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib', 'storage', 'chunk-worker.mjs');
}

let slots: Slot[] = [];
let nextId = 1;

function start(): Slot {
  const file = workerFile();
  if (!existsSync(file)) throw new Error(`chunk worker not found at ${file}: run from the project root or set LIFEBOAT_CHUNK_WORKER`);
  const worker = new Worker(file, { name: 'lifeboat-chunks' });
  const slot: Slot = { worker, pending: new Map() };
  worker.unref();
  worker.on('message', (msg: { id: number; ok: boolean; error?: string } & ChunkResult) => {
    const task = slot.pending.get(msg.id);
    if (!task) return;
    slot.pending.delete(msg.id);
    if (slot.pending.size === 0) worker.unref();
    if (msg.ok) task.resolve(msg);
    else task.reject(new Error(`chunk worker: ${msg.error}`));
  });
  const fail = (error: Error) => {
    slots = slots.filter((s) => s !== slot);
    for (const task of slot.pending.values()) task.reject(error);
    slot.pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`chunk worker exited with code ${code}`)));
  return slot;
}

/** Runs a task on the least busy worker (starting workers on first use): it reads `inLen` bytes
 *  of `input` and may write up to `outCap` bytes into `output`. */
export function runChunkTask(task: ChunkTask, input: Region, inLen: number, output: Region, outCap = output.size): Promise<ChunkResult> {
  while (slots.length < POOL_SIZE) slots.push(start());
  const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  const id = nextId++;
  return new Promise((resolve, reject) => {
    if (slot.pending.size === 0) slot.worker.ref();
    slot.pending.set(id, { resolve, reject });
    slot.worker.postMessage({ id, ...task, inSab: input.sab, inOff: input.off, inLen, outSab: output.sab, outOff: output.off, outCap });
  });
}

/** Stops the workers (tests and scripts that want a clean exit; the next task restarts them). */
export async function closeChunkPool(): Promise<void> {
  const old = slots;
  slots = [];
  await Promise.all(old.map((s) => s.worker.terminate()));
}
