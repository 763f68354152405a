import type { Db } from '@/lib/db/client';
import { reapExpired } from './reaper';
import { jobHandler, registeredKinds } from './registry';
import { startRun, type ProgressObserver, type RunningJob } from './run';
import { enableWal } from './sqlite';
import { reasonOf } from './status';
import { claimNext, newWorkerId, renewLeases } from './store';

export type WorkerOptions = {
  db: Db;
  workerId?: string;
  /** Jobs this worker runs at once (all kinds together). Env LIFEBOAT_WORKER_CONCURRENCY, else 2. */
  concurrency?: number;
  /** How often to look for work, renew leases and see cancel requests. Default 1 s. */
  pollMs?: number;
  /** How long a job stays ours without a renewal; after that a reaper takes it over. Default 30 s. */
  leaseMs?: number;
  /** First retry delay after a failed attempt (doubling after). Default 2 s. */
  backoffMs?: number;
  /** How often to reap expired leases. Default half the lease, at most 5 s. */
  reapEveryMs?: number;
  /** Progress writes at most this often per job (they renew its lease too). Default 500 ms. */
  progressEveryMs?: number;
  /**
   * Told after a job's progress is saved, before the job can go on to end: the crash tests stop a
   * worker here, so "killed mid-job" is a fixed point rather than a race with a poll.
   */
  onProgressSaved?: ProgressObserver;
};

export type Worker = { id: string; running(): string[]; stop(): Promise<void> };

function envNumber(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** Starts claiming and running jobs of the kinds registered in this process. */
export function startWorker(options: WorkerOptions): Worker {
  const { db } = options;
  const id = options.workerId ?? newWorkerId();
  const concurrency = options.concurrency ?? envNumber('LIFEBOAT_WORKER_CONCURRENCY', 2);
  const leaseMs = options.leaseMs ?? envNumber('LIFEBOAT_WORKER_LEASE_MS', 30_000);
  const pollMs = options.pollMs ?? envNumber('LIFEBOAT_WORKER_POLL_MS', 1000);
  const backoffMs = options.backoffMs ?? 2000;
  const reapEveryMs = options.reapEveryMs ?? Math.max(pollMs, Math.min(5000, leaseMs / 2));
  // Leases are renewed every tick, so a tick must come well within a lease.
  const tickMs = Math.min(pollMs, leaseMs / 3);
  const running = new Map<string, RunningJob>();
  let stopped = false;
  let lastReap = 0;
  let wake: (() => void) | null = null;

  async function tick() {
    if (running.size > 0) {
      const rows = new Map((await renewLeases(db, id, [...running.keys()], leaseMs)).map((r) => [r.id, r]));
      for (const run of running.values()) {
        const row = rows.get(run.id);
        if (!row || row.status !== 'running' || row.leaseOwner !== id) run.abort('lease-lost');
        else if (row.cancelRequested) run.abort('cancel');
      }
    }
    if (Date.now() - lastReap >= reapEveryMs) {
      lastReap = Date.now();
      await reapExpired(db, id, leaseMs);
    }
    while (!stopped && running.size < concurrency) {
      const job = await claimNext(db, id, leaseMs, registeredKinds());
      const handler = job && jobHandler(job.kind);
      if (!job || !handler) break;
      const { progressEveryMs, onProgressSaved } = options;
      const run = startRun(db, job, handler, { owner: id, leaseMs, backoffMs, progressEveryMs, onProgressSaved });
      running.set(job.id, run);
      void run.done.finally(() => {
        running.delete(job.id);
        wake?.(); // a slot is free: look for the next job now rather than after a poll
      });
    }
  }

  const sleep = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
      const timer = setTimeout(done, tickMs);
      wake = done;
    });

  const loop = (async () => {
    // Several processes share a SQLite file only tolerably with write-ahead logging.
    await enableWal(db).catch((error) => console.warn('[jobs] could not enable WAL:', reasonOf(error)));
    while (!stopped) {
      try {
        await tick();
      } catch (error) {
        // The database may be briefly unreachable or locked: log, and try again next tick.
        console.error(`[jobs] worker ${id}:`, reasonOf(error));
      }
      if (!stopped) await sleep();
    }
  })();

  return {
    id,
    running: () => [...running.keys()],
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      // Handlers see their signal aborted; their jobs go back to the queue for the next worker.
      for (const run of running.values()) run.abort('shutdown');
      await Promise.all([...running.values()].map((run) => run.done));
    },
  };
}
