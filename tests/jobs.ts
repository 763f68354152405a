import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import { afterAll, afterEach, beforeAll } from 'vitest';
import { getJob, startWorker, type Worker, type WorkerOptions } from '@/lib/jobs';
import type { Db } from '@/lib/db/client';
import { createOwners, createTestDatabase, type TestDatabase } from './databases';
import { registerTestHandlers } from './job-handlers';

// What the integration tests of jobs share: worker processes (child-worker.ts) started and
// killed, workers in the test process, and waiting for a job to end.

export type ChildWorker = { child: ChildProcess; id: string; exited: Promise<number | null>; stop(): Promise<void> };

export async function spawnWorker(url: string, env: Record<string, string> = {}): Promise<ChildWorker> {
  const root = process.cwd();
  // Node with tsx's loader rather than the tsx CLI: the CLI runs the script in a second process,
  // so a SIGKILL would hit the wrapper and leave the worker running.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'tests/child-worker.ts')], {
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

/** The job once it has ended (succeeded, failed or cancelled). */
export function jobEnded(db: Db, jobId: string, timeoutMs = 60_000) {
  return waitFor(async () => {
    const job = await getJob(db, jobId);
    return job && !job.active ? job : null;
  }, timeoutMs);
}

/**
 * For a describe block: the database `create` makes in beforeAll, dropped in afterAll. The getter
 * it returns throws if called before then.
 */
export function setUpTestDatabase(create: () => Promise<TestDatabase>): () => TestDatabase {
  let t: TestDatabase | undefined;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(async () => {
    await t?.drop();
  });
  return () => {
    if (!t) throw new Error('the test database is created in beforeAll');
    return t;
  };
}

/**
 * The worker of a test in the test process, stopped after each test: `start` it with the test's
 * own timings, or `run` the one with testWorker's short timings (started on first use).
 */
export function setUpTestWorker(db: () => Db) {
  let worker: Worker | null = null;
  afterEach(async () => {
    await worker?.stop();
    worker = null;
  });
  return {
    start: (options: Omit<WorkerOptions, 'db'>): Worker => (worker = startWorker({ ...options, db: db() })),
    run: (): Worker => (worker ??= testWorker(db())),
  };
}

/**
 * For a describe block of the job system's own tests: a throwaway database with the owners and the
 * test job kinds, dropped at the end, and a worker in the test process stopped after each test.
 */
export function setUpJobDatabase(provider: 'sqlite' | 'postgres') {
  const database = setUpTestDatabase(async () => {
    const t = await createTestDatabase(provider);
    await createOwners(t.db);
    registerTestHandlers();
    return t;
  });
  return {
    get t() {
      return database();
    },
    /** Starts the worker of this test on the database; it is stopped after the test. */
    startWorker: setUpTestWorker(() => database().db).start,
    /** An image of the owners, for a job that needs one to point at. */
    newImage: () =>
      database().db.image.create({
        data: {
          accountId: 'acc',
          teamId: 'team',
          label: 'img',
          sourceInstanceLabel: 'web',
          sourceDiskLabel: 'disk',
          region: 'eu',
        },
      }),
  };
}

/** A worker in the test process with short timings; `stop()` it after the test. */
export function testWorker(db: Db, options: Partial<WorkerOptions> = {}): Worker {
  return startWorker({ db, pollMs: 50, leaseMs: 5_000, ...options });
}

/**
 * Runs the app's job in a worker process that kills itself (SIGKILL) as soon as the job's progress
 * part-way is saved, before the job can end: genuinely mid-way, at the same point on any machine.
 * Returns the job as it was then.
 */
export async function killMidJob(t: { db: Db; url: string; dataDir: string }, jobId: string, timeoutMs = 60_000) {
  const child = await spawnWorker(t.url, {
    JOB_APP_HANDLERS: '1',
    JOB_KILL_MID_JOB: '1',
    JOB_LEASE_MS: '2000',
    JOB_POLL_MS: '50',
    LIFEBOAT_CATALOG: process.env.LIFEBOAT_CATALOG!,
    DATA_DIR: t.dataDir,
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
  const ended = await Promise.race([child.exited.then(() => 'killed' as const), late]);
  clearTimeout(timer);
  if (ended === 'late') {
    await child.stop();
    const job = await getJob(t.db, jobId);
    throw new Error(`the worker was not killed mid-job within ${timeoutMs} ms (job ${job?.status ?? 'missing'})`);
  }
  const job = await getJob(t.db, jobId);
  if (!job) throw new Error(`job ${jobId} is gone`);
  return job;
}
