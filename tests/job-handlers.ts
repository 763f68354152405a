import fs from 'node:fs';
import { PermanentJobError, registerJobHandler } from '@/lib/jobs';
import { auditJobEnds } from '@/lib/operations';

// Job kinds for the tests of the job system itself; never registered by the app. Each one
// appends what happened to a file named in its input, so tests can count executions across
// processes (appends of one short line are atomic).

export type RecordInput = { file: string; sleepMs?: number };
// `holdUntil`: before its last step the job waits until this file exists, so a test can look at
// it mid-way however slowly a loaded machine runs it.
export type SlowInput = {
  file: string;
  steps: number;
  stepMs: number;
  total: number;
  imageId?: string;
  holdUntil?: string;
};
export type FlakyInput = { failUntilAttempt: number; message?: string };

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const note = (file: string, line: string) => fs.appendFileSync(file, `${line}\n`);

export function registerTestHandlers() {
  // Their ends are audited as the app's own jobs are.
  auditJobEnds();
  registerJobHandler<RecordInput>('test.record', async ({ job, input, attempt, signal }) => {
    note(input.file, `run ${job.id} ${attempt} ${job.leaseOwner}`);
    await sleep(input.sleepMs ?? 20, signal);
    return { pid: process.pid };
  });

  // A long job that reports progress; resumable in the sense the real ones are: it starts over.
  registerJobHandler<SlowInput>('test.slow', {
    async run({ job, input, attempt, progress, log, signal }) {
      note(input.file, `start ${job.id} ${attempt} ${process.pid}`);
      log(`attempt ${attempt} in ${process.pid}`);
      for (let step = 1; step <= input.steps; step++) {
        while (step === input.steps && input.holdUntil && !fs.existsSync(input.holdUntil)) await sleep(50, signal);
        await sleep(input.stepMs, signal);
        progress((input.total * step) / input.steps, input.total);
      }
      note(input.file, `done ${job.id} ${attempt} ${process.pid}`);
      return { steps: input.steps, attempt };
    },
    async onEnd({ job, input, db }, outcome) {
      note(input.file, `end ${job.id} ${outcome.status} ${process.pid} ${outcome.reason}`);
      if (input.imageId) {
        await db.image.updateMany({
          where: { id: input.imageId, status: 'creating' },
          data: { status: 'failed', failureReason: outcome.reason },
        });
      }
    },
  });

  registerJobHandler<FlakyInput>('test.flaky', async ({ input, attempt, log }) => {
    log(`attempt ${attempt}`);
    if (attempt < input.failUntilAttempt)
      throw new Error(input.message ?? `The disk was not ready (attempt ${attempt}).`);
    return { attempt };
  });

  registerJobHandler('test.permanent', async () => {
    throw new PermanentJobError('The image was deleted before it was captured.');
  });
}
