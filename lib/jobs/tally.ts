import type { JobEndStatus } from './hooks';
import type { DbOrTx } from './types';

// What finished jobs add up to, kept in the JobTally table for /metrics: per kind and final
// status, how many ended, how long their last run took (as histogram buckets) and how many bytes
// they went through. It is written in the transaction that ends the job, so it counts every
// job exactly once whichever worker or host ran it, and reading it costs the same however many
// jobs have ever run.

/**
 * Upper bounds, in seconds, of the duration buckets. Fixed: a row names its bucket by its place
 * in this list, so changing a bound would put what was counted under another one.
 */
export const JOB_DURATION_BUCKETS = [1, 10, 30, 60, 300, 900, 1800, 3600, 7200, 21600, 86400] as const;

/** The bucket of a job that ended without running (a queued job cancelled). */
export const NEVER_RAN = -1;

/** The place in JOB_DURATION_BUCKETS of the first bound a run fits under; past the last, its length (+Inf). */
export function durationBucket(seconds: number): number {
  const i = JOB_DURATION_BUCKETS.findIndex((bound) => seconds <= bound);
  return i === -1 ? JOB_DURATION_BUCKETS.length : i;
}

/** What one ended job adds: its bucket, the seconds its last run took, the bytes it went through. */
export function tallyOf(job: { startedAt: Date | null; finishedAt: Date | null; bytesDone: bigint }) {
  if (!job.startedAt || !job.finishedAt) return { bucket: NEVER_RAN, seconds: 0, bytes: job.bytesDone };
  const seconds = Math.max(0, (job.finishedAt.getTime() - job.startedAt.getTime()) / 1000);
  return { bucket: durationBucket(seconds), seconds, bytes: job.bytesDone };
}

/**
 * Counts a job that has just ended, inside the transaction that ended it. One statement, the
 * same on SQLite and PostgreSQL: two workers ending jobs of the same kind at once both add.
 */
export async function tallyJobEnd(tx: DbOrTx, id: string, status: JobEndStatus): Promise<void> {
  const job = await tx.job.findUnique({
    where: { id },
    select: { kind: true, startedAt: true, finishedAt: true, bytesDone: true },
  });
  if (!job) return;
  const { bucket, seconds, bytes } = tallyOf(job);
  await tx.$executeRaw`
    INSERT INTO "JobTally" ("kind", "status", "bucket", "count", "seconds", "bytes")
    VALUES (${job.kind}, ${status}, ${bucket}, 1, ${seconds}, ${bytes})
    ON CONFLICT ("kind", "status", "bucket") DO UPDATE SET
      "count" = "JobTally"."count" + 1,
      "seconds" = "JobTally"."seconds" + excluded."seconds",
      "bytes" = "JobTally"."bytes" + excluded."bytes"`;
}
