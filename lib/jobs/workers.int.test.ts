import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@/lib/db/client';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '@/tests/databases';
import { enqueueJob, startWorker } from './index';
import { registerTestHandlers } from '@/tests/job-handlers';
import { spawnWorker, waitFor } from '@/tests/jobs';

// Several workers on one database never run the same job twice: claims are conditional
// updates, so of two workers reaching for one job exactly one gets it. Every execution appends
// a line to a file; each job must appear exactly once.

const JOBS = 20;

describe.each(PROVIDERS)('several workers on %s', (provider) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    registerTestHandlers();
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function enqueueMany(file: string) {
    const ids: string[] = [];
    for (let i = 0; i < JOBS; i++)
      ids.push((await enqueueJob(t.db, { kind: 'test.record', input: { file, sleepMs: 30 } })).id);
    return ids;
  }
  const allSucceeded = (ids: string[]) => async () =>
    (await t.db.job.count({ where: { id: { in: ids }, status: 'succeeded' } })) === ids.length;

  function executions(file: string) {
    const runs = fs
      .readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' '));
    const perJob = new Map<string, number>();
    for (const [, id] of runs) perJob.set(id, (perJob.get(id) ?? 0) + 1);
    return { perJob, owners: new Set(runs.map((r) => r[3])) };
  }

  it('two workers in one process, each with its own client, run each of 20 jobs once', async () => {
    const file = path.join(t.dataDir, 'in-process.log');
    const ids = await enqueueMany(file);
    const clients = [createDb(t.url), createDb(t.url)];
    const workers = clients.map((db) => startWorker({ db, concurrency: 2, pollMs: 20, leaseMs: 2000 }));
    try {
      await waitFor(allSucceeded(ids), 20_000);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await Promise.all(clients.map((c) => c.$disconnect()));
    }
    const { perJob, owners } = executions(file);
    expect([...perJob.keys()].sort()).toEqual([...ids].sort());
    expect([...perJob.values()].every((n) => n === 1)).toBe(true);
    expect([...owners].every((o) => workers.some((w) => w.id === o))).toBe(true);
  });

  it('two worker processes on the same database run each of 20 jobs once', async () => {
    const file = path.join(t.dataDir, 'processes.log');
    // Both processes are polling before the jobs appear, so they race for every one of them.
    const children = await Promise.all(
      [0, 1].map(() => spawnWorker(t.url, { JOB_POLL_MS: '20', JOB_CONCURRENCY: '2', JOB_LEASE_MS: '2000' })),
    );
    const ids = await enqueueMany(file);
    try {
      await waitFor(allSucceeded(ids), 20_000);
    } finally {
      await Promise.all(children.map((c) => c.stop()));
    }
    const { perJob, owners } = executions(file);
    expect([...perJob.keys()].sort()).toEqual([...ids].sort());
    expect([...perJob.values()].every((n) => n === 1)).toBe(true);
    expect([...owners].every((o) => children.some((c) => c.id === o))).toBe(true);
    expect(children.map((c) => c.child.exitCode)).toEqual([0, 0]);
  });
});
