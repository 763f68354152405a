import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '@/tests/databases';
import { enqueueJob, getJob, InstanceBusyError, listJobs, requestCancel } from './index';
import { jobEnded, setUpJobDatabase, waitFor } from '@/tests/jobs';

// The life of a job on each database: run, progress, retry, failure, the per-instance lock,
// and cancellation. One worker with short timings; the multi-worker cases are in workers.int.

describe.each(PROVIDERS)('jobs on %s', (provider) => {
  const jobs = setUpJobDatabase(provider);
  let file: string;
  const start = () => jobs.startWorker({ concurrency: 2, pollMs: 50, leaseMs: 2000, backoffMs: 50 });
  const ended = (id: string) => jobEnded(jobs.t.db, id, 15_000);
  const lines = () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n') : []);
  const newImage = jobs.newImage;

  it('runs a queued job to success with its result, progress and log', async () => {
    file = path.join(jobs.t.dataDir, 'success.log');
    const release = path.join(jobs.t.dataDir, 'success.release');
    const job = await enqueueJob(jobs.t.db, {
      kind: 'test.slow',
      input: { file, steps: 6, stepMs: 150, total: 60_000_000, holdUntil: release },
      teamId: 'team-a',
      instanceId: 'inst-1',
    });
    expect(job.status).toBe('queued');
    start();
    // While it runs, the row shows progress with a speed (the display polls this).
    const mid = await waitFor(async () => {
      const j = await getJob(jobs.t.db, job.id);
      return j && j.status === 'running' && j.bytesDone > 0 && j.speedBps !== null ? j : null;
    });
    expect(mid.bytesTotal).toBe(60_000_000);
    expect(mid.percent).toBeGreaterThan(0);
    fs.writeFileSync(release, '');
    const done = await ended(job.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      result: { steps: 6, attempt: 1 },
      bytesDone: 60_000_000,
      percent: 100,
      error: null,
      attempts: 1,
    });
    expect(typeof done.bytesDone).toBe('number');
    expect(done.log.map((l) => l.text)).toEqual(['attempt 1 in ' + process.pid, 'Done.']);
    expect(done.log[0].at).toMatch(/^\d{4}-\d\d-\d\dT/);
    const row = await jobs.t.db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row).toMatchObject({ leaseOwner: null, lockKey: null, speedBps: null });
    expect(row.finishedAt).not.toBeNull();
    expect((await listJobs(jobs.t.db, { teamIds: ['team-a'], limit: 10 })).map((j) => j.id)).toEqual([job.id]);
    expect(await listJobs(jobs.t.db, { teamIds: ['team-b'], limit: 10 })).toEqual([]);
    expect((await listJobs(jobs.t.db, { teamIds: null, instanceId: 'inst-1' })).map((j) => j.id)).toEqual([job.id]);
    // Its end is in the audit log, as the scheduler's own jobs are.
    expect(await jobs.t.db.auditEntry.findFirst({ where: { targetId: job.id } })).toMatchObject({
      action: 'test.slow.finished',
      result: 'success',
      actorEmail: 'system',
      teamId: 'team-a',
    });
  });

  it('retries a failing handler, then fails with its reason', async () => {
    const flaky = await enqueueJob(jobs.t.db, { kind: 'test.flaky', input: { failUntilAttempt: 2 } });
    const hopeless = await enqueueJob(jobs.t.db, {
      kind: 'test.flaky',
      input: { failUntilAttempt: 99, message: 'The disk is unreadable.' },
      maxAttempts: 3,
    });
    const permanent = await enqueueJob(jobs.t.db, { kind: 'test.permanent' });
    start();
    expect(await ended(flaky.id)).toMatchObject({ status: 'succeeded', attempts: 2, result: { attempt: 2 } });
    const failed = await ended(hopeless.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, error: 'The disk is unreadable.' });
    expect(failed.log.map((l) => l.text)).toContain(
      'Attempt 1 of 3 failed: The disk is unreadable. Trying again in 1 s.',
    );
    expect(failed.log.at(-1)?.text).toBe('Failed: The disk is unreadable.');
    // Retrying cannot help here: one attempt only.
    expect(await ended(permanent.id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'The image was deleted before it was captured.',
    });
  });

  it('refuses a second job on a busy instance, and frees the lock when the job ends', async () => {
    file = path.join(jobs.t.dataDir, 'lock.log');
    const first = await enqueueJob(jobs.t.db, { kind: 'test.record', input: { file }, lockKey: 'inst-9' });
    const refused = await enqueueJob(jobs.t.db, { kind: 'test.record', input: { file }, lockKey: 'inst-9' }).catch(
      (e) => e,
    );
    expect(refused).toBeInstanceOf(InstanceBusyError);
    expect(refused.message).toBe(
      'Another operation is already waiting to run here. Wait for it to finish or cancel it, then try again.',
    );
    expect(refused.busyJob).toMatchObject({ id: first.id, kind: 'test.record', status: 'queued' });
    // Other keys are not affected.
    await enqueueJob(jobs.t.db, { kind: 'test.record', input: { file }, lockKey: 'inst-10' });
    start();
    await ended(first.id);
    expect((await jobs.t.db.job.findUniqueOrThrow({ where: { id: first.id } })).lockKey).toBeNull();
    const next = await enqueueJob(jobs.t.db, { kind: 'test.record', input: { file }, lockKey: 'inst-9' });
    expect((await ended(next.id)).status).toBe('succeeded');
  });

  it('creates a job atomically with other rows in a transaction, and rolls both back when busy', async () => {
    file = path.join(jobs.t.dataDir, 'tx.log');
    await enqueueJob(jobs.t.db, { kind: 'test.record', input: { file }, lockKey: 'inst-tx' });
    const images = await jobs.t.db.image.count();
    const attempt = jobs.t.db.$transaction(async (tx) => {
      await tx.image.create({
        data: {
          accountId: 'acc',
          teamId: 'team',
          label: 'x',
          sourceInstanceLabel: 'w',
          sourceDiskLabel: 'd',
          region: 'eu',
        },
      });
      return enqueueJob(tx, { kind: 'test.record', input: { file }, lockKey: 'inst-tx' });
    });
    await expect(attempt).rejects.toBeInstanceOf(InstanceBusyError);
    expect(await jobs.t.db.image.count()).toBe(images);
    const made = await jobs.t.db.$transaction(async (tx) => {
      const image = await tx.image.create({
        data: {
          accountId: 'acc',
          teamId: 'team',
          label: 'y',
          sourceInstanceLabel: 'w',
          sourceDiskLabel: 'd',
          region: 'eu',
        },
      });
      return enqueueJob(tx, { kind: 'test.record', input: { file, imageId: image.id }, lockKey: 'inst-tx2' });
    });
    expect((await getJob(jobs.t.db, made.id))?.status).toBe('queued');
  });

  it('cancels a queued job at once, running its end hook', async () => {
    file = path.join(jobs.t.dataDir, 'cancel-queued.log');
    const image = await newImage();
    const job = await enqueueJob(jobs.t.db, {
      kind: 'test.slow',
      input: { file, steps: 1, stepMs: 1, total: 1, imageId: image.id },
      lockKey: 'inst-c1',
    });
    const after = await requestCancel(jobs.t.db, job.id);
    expect(after).toMatchObject({ status: 'cancelled', lockKey: null, attempts: 0, cancelRequested: true });
    expect(await jobs.t.db.image.findUniqueOrThrow({ where: { id: image.id } })).toMatchObject({
      status: 'failed',
      failureReason: 'Cancelled before it started.',
    });
    // Nothing ever ran it, and cancelling again changes nothing.
    expect(lines().filter((l) => l.startsWith('start'))).toEqual([]);
    expect((await requestCancel(jobs.t.db, job.id))?.status).toBe('cancelled');
  });

  it('cancels a running job within a poll: its signal aborts and it ends cancelled', async () => {
    file = path.join(jobs.t.dataDir, 'cancel-running.log');
    const image = await newImage();
    const job = await enqueueJob(jobs.t.db, {
      kind: 'test.slow',
      input: { file, steps: 200, stepMs: 50, total: 1000, imageId: image.id },
      lockKey: 'inst-c2',
    });
    start();
    await waitFor(async () => (await getJob(jobs.t.db, job.id))?.bytesDone);
    const asked = Date.now();
    expect((await requestCancel(jobs.t.db, job.id))?.status).toBe('running');
    const done = await ended(job.id);
    expect(Date.now() - asked).toBeLessThan(1500);
    expect(done).toMatchObject({ status: 'cancelled', error: null, cancelRequested: true });
    expect(done.log.at(-1)?.text).toBe('Cancelled on request.');
    expect((await jobs.t.db.job.findUniqueOrThrow({ where: { id: job.id } })).lockKey).toBeNull();
    expect(await jobs.t.db.image.findUniqueOrThrow({ where: { id: image.id } })).toMatchObject({
      status: 'failed',
      failureReason: 'Cancelled on request.',
    });
    expect(lines().filter((l) => l.startsWith('done'))).toEqual([]);
  });

  it('gives a job back to the queue when its worker stops, without using up an attempt', async () => {
    file = path.join(jobs.t.dataDir, 'shutdown.log');
    const job = await enqueueJob(jobs.t.db, {
      kind: 'test.slow',
      input: { file, steps: 200, stepMs: 50, total: 1000 },
    });
    const first = start();
    await waitFor(async () => (await getJob(jobs.t.db, job.id))?.bytesDone);
    await first.stop();
    expect(await getJob(jobs.t.db, job.id)).toMatchObject({ status: 'queued', attempts: 0 });
    await requestCancel(jobs.t.db, job.id);
  });
});
