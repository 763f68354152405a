import type { Db } from '@/lib/db/client';
import { appendLog } from './log';
import { endHook, jobHandler } from './registry';
import { reasonOf } from './status';
import { end } from './store';
import type { DbOrTx, JobOutcome, JobRow } from './types';

/**
 * Ends a job that failed for good or was cancelled, which `owner` holds: first the handler's
 * end hook (mark the image failed, remove a half-made instance), then the row. In that order a
 * crash between the two leaves the job running with a lease that expires, and the reaper ends
 * it again, hook included: the hook runs at least once, never zero times.
 */
export async function endWithHook(
  db: DbOrTx,
  job: JobRow,
  owner: string,
  outcome: JobOutcome,
  log = job.log,
): Promise<boolean> {
  const hook = endHook(jobHandler(job.kind));
  let lines: string[] = [];
  if (hook) {
    try {
      await hook({ job, input: job.input, db: db as Db, attempt: job.attempts }, outcome);
    } catch (error) {
      // The job still ends: a hook that keeps failing must not keep the job alive forever.
      console.error(`[jobs] end hook of ${job.kind} ${job.id} failed:`, error);
      lines.push(`Clean-up after the job ended did not finish: ${reasonOf(error)}`);
    }
  }
  lines = [...lines, outcome.status === 'cancelled' ? outcome.reason : `Failed: ${outcome.reason}`];
  const error = outcome.status === 'failed' ? outcome.reason : null;
  return end(db, job.id, owner, outcome.status, error, { log: appendLog(log, lines, new Date()) });
}
