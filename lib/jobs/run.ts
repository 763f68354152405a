import type { Db } from '@/lib/db/client';
import { PermanentJobError } from './errors';
import { endWithHook } from './final';
import { appendLog } from './log';
import { addSample, estimate, type ProgressSample } from './progress';
import { reasonOf, retryDelayMs } from './status';
import { requeue, succeed, updateOwned } from './store';
import type { JobHandler, JobRow } from './types';

// One attempt of one claimed job: the handler's context, throttled progress writes that double
// as lease renewals, and how the attempt ends (succeeded, retried, failed, cancelled, released).

export type AbortReason = 'cancel' | 'shutdown' | 'lease-lost';
export type ProgressObserver = (jobId: string, saved: { bytesDone: bigint; bytesTotal: bigint }) => void;
export type RunOptions = {
  owner: string;
  leaseMs: number;
  backoffMs: number;
  progressEveryMs?: number;
  onProgressSaved?: ProgressObserver;
};
export type RunningJob = { id: string; abort(reason: AbortReason): void; done: Promise<void> };
type Snapshot = {
  bytesDone: bigint;
  bytesTotal: bigint;
  speedBps: number | null;
  etaSeconds: number | null;
  log: string;
};

export function startRun(db: Db, job: JobRow, handler: JobHandler, options: RunOptions): RunningJob {
  const controller = new AbortController();
  const every = options.progressEveryMs ?? 500;
  const state = {
    bytesDone: Number(job.bytesDone),
    bytesTotal: Number(job.bytesTotal),
    samples: [] as ProgressSample[],
    log: job.log,
    pending: [] as string[],
  };
  let lastWrite = 0;
  let dirty = false;
  let writing: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const snapshot = (): Snapshot => {
    const now = Date.now();
    // A negative total counts something other than bytes (a provider that reports only a percent
    // passes -100): it still gives an ETA (units per second), but its "speed" is no speed.
    const unitless = state.bytesTotal < 0;
    const estimated = estimate(state.samples, unitless ? -state.bytesTotal : state.bytesTotal, now);
    const { speedBps, etaSeconds } = unitless ? { speedBps: null, etaSeconds: estimated.etaSeconds } : estimated;
    state.log = appendLog(state.log, state.pending.splice(0), new Date(now));
    return {
      bytesDone: BigInt(Math.round(state.bytesDone)),
      bytesTotal: BigInt(Math.round(state.bytesTotal)),
      speedBps,
      etaSeconds,
      log: state.log,
    };
  };
  const flush = () => {
    timer = null;
    dirty = false;
    lastWrite = Date.now();
    const saved = snapshot();
    writing = updateOwned(db, job.id, options.owner, {
      ...saved,
      leaseExpiresAt: new Date(Date.now() + options.leaseMs),
    })
      .then((owned) => {
        // The attempt's end waits for this write, so an observer runs before the job can end.
        if (owned) options.onProgressSaved?.(job.id, saved);
        else controller.abort('lease-lost');
      })
      .catch((error) => console.error(`[jobs] progress of ${job.id} not saved:`, reasonOf(error)))
      .finally(() => {
        writing = null;
        if (dirty) schedule(); // reports that came in while this write was in flight
      });
  };
  // At most one write in flight and one every `every` ms; the last report is never dropped.
  const schedule = () => {
    if (timer || writing || controller.signal.reason === 'lease-lost') return;
    timer = setTimeout(flush, Math.max(0, lastWrite + every - Date.now()));
  };

  const ctx = {
    job,
    input: job.input,
    db,
    attempt: job.attempts,
    signal: controller.signal,
    progress(bytesDone: number, bytesTotal: number) {
      state.bytesDone = bytesDone;
      state.bytesTotal = bytesTotal;
      state.samples = addSample(state.samples, { at: Date.now(), bytes: bytesDone });
      dirty = true;
      schedule();
    },
    log(line: string) {
      state.pending.push(line);
      dirty = true;
      schedule();
    },
  };

  const done = (async () => {
    let result: unknown;
    let failure: { error: unknown } | null = null;
    try {
      result = await handler.run(ctx);
    } catch (error) {
      failure = { error };
    }
    if (timer) clearTimeout(timer);
    timer = null;
    await writing;
    await settle(db, job, handler, options, controller.signal, failure, result, snapshot());
  })().catch((error) => console.error(`[jobs] could not record the end of ${job.id}:`, error));

  return { id: job.id, abort: (reason) => controller.abort(reason), done };
}

async function settle(
  db: Db,
  job: JobRow,
  handler: JobHandler,
  options: RunOptions,
  signal: AbortSignal,
  failure: { error: unknown } | null,
  result: unknown,
  last: Snapshot,
) {
  const reason = signal.aborted ? (signal.reason as AbortReason) : null;
  const { owner } = options;
  const progress = { bytesDone: last.bytesDone, bytesTotal: last.bytesTotal };
  // Someone else holds the job now (our lease expired and it was taken over): record nothing.
  if (reason === 'lease-lost') return;
  if (!failure) {
    // Finished work stands even if a cancel or a shutdown arrived meanwhile.
    await succeed(db, job.id, owner, result, { ...progress, log: appendLog(last.log, ['Done.'], new Date()) });
    return;
  }
  if (reason === 'cancel') {
    await endWithHook(
      db,
      job,
      owner,
      { status: 'cancelled', reason: 'Cancelled on request.', error: failure.error },
      last.log,
    );
    return;
  }
  if (reason === 'shutdown') {
    // Not the job's fault: give the attempt back and let the next worker carry on.
    const log = appendLog(last.log, ['The worker stopped; the job will continue on the next worker.'], new Date());
    await requeue(db, job.id, owner, 0, { ...progress, log, attempts: { decrement: 1 } });
    return;
  }
  const why = reasonOf(failure.error);
  if (failure.error instanceof PermanentJobError || job.attempts >= job.maxAttempts) {
    if (!(failure.error instanceof PermanentJobError))
      console.warn(`[jobs] ${job.kind} ${job.id} failed:`, failure.error);
    await endWithHook(db, job, owner, { status: 'failed', reason: why, error: failure.error }, last.log);
    return;
  }
  const delay = handler.retryDelayMs?.(job.attempts) ?? retryDelayMs(job.attempts, options.backoffMs);
  const line = `Attempt ${job.attempts} of ${job.maxAttempts} failed: ${why.replace(/\.$/, '')}. Trying again in ${Math.ceil(delay / 1000)} s.`;
  await requeue(db, job.id, owner, delay, { ...progress, log: appendLog(last.log, [line], new Date()) });
}
