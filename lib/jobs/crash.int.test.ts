import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '@/tests/databases';
import { enqueueJob, getJob } from './index';
import { jobEnded, spawnWorker, setUpJobDatabase, waitFor } from '@/tests/jobs';

// A worker process killed with SIGKILL mid-job loses no job: once its lease expires, another
// worker's reaper puts the job back in the queue (and runs it again), or, with no attempts
// left, fails it with a plain reason and runs the handler's end hook in the surviving process.

const LEASE_MS = 1500;

describe.each(PROVIDERS)('a worker killed mid-job on %s', (provider) => {
  const jobs = setUpJobDatabase(provider);

  async function killMidJob(jobId: string) {
    const child = await spawnWorker(jobs.t.url, { JOB_LEASE_MS: String(LEASE_MS), JOB_POLL_MS: '100' });
    await waitFor(async () => ((await getJob(jobs.t.db, jobId))?.bytesDone ?? 0) > 0, 20_000);
    child.child.kill('SIGKILL');
    await child.exited;
    const row = await jobs.t.db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(row).toMatchObject({ status: 'running', leaseOwner: child.id, attempts: 1 });
    return child;
  }
  const ended = (id: string) => jobEnded(jobs.t.db, id, 20_000);
  const lines = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n');

  it('is taken over when its lease expires and runs again to success', async () => {
    const file = path.join(jobs.t.dataDir, 'resume.log');
    const job = await enqueueJob(jobs.t.db, {
      kind: 'test.slow',
      input: { file, steps: 30, stepMs: 50, total: 3_000_000 },
      lockKey: 'inst-crash-1',
    });
    const child = await killMidJob(job.id);
    jobs.startWorker({ leaseMs: LEASE_MS, pollMs: 100 });
    const done = await ended(job.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      result: { steps: 30, attempt: 2 },
      bytesDone: 3_000_000,
    });
    expect(done.log.map((l) => l.text)).toContain(
      'The worker running this job stopped; starting again (attempt 2 of 3).',
    );
    const pid = child.child.pid;
    expect(lines(file)).toEqual([
      `start ${job.id} 1 ${pid}`,
      `start ${job.id} 2 ${process.pid}`,
      `done ${job.id} 2 ${process.pid}`,
    ]);
    expect((await jobs.t.db.job.findUniqueOrThrow({ where: { id: job.id } })).lockKey).toBeNull();
  });

  it('fails cleanly once attempts are exhausted, running the end hook in the surviving worker', async () => {
    const file = path.join(jobs.t.dataDir, 'give-up.log');
    const image = await jobs.newImage();
    const job = await enqueueJob(jobs.t.db, {
      kind: 'test.slow',
      input: { file, steps: 400, stepMs: 50, total: 1000, imageId: image.id },
      lockKey: 'inst-crash-2',
      maxAttempts: 1,
    });
    await killMidJob(job.id);
    jobs.startWorker({ leaseMs: LEASE_MS, pollMs: 100 });
    const reason = 'The worker running this job stopped; gave up after 1 attempt.';
    expect(await ended(job.id)).toMatchObject({ status: 'failed', attempts: 1, error: reason });
    expect(await jobs.t.db.image.findUniqueOrThrow({ where: { id: image.id } })).toMatchObject({
      status: 'failed',
      failureReason: reason,
    });
    expect(lines(file).filter((l) => l.startsWith('end'))).toEqual([`end ${job.id} failed ${process.pid} ${reason}`]);
    expect(await jobs.t.db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      lockKey: null,
      leaseOwner: null,
    });
  });
});
