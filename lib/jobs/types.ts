import type { Db } from '@/lib/db/client';
import type { Job, Prisma } from '@/lib/generated/sqlite/client';

export type JobRow = Job;
export type JobStatus = Job['status'];

/** A client or the client of an interactive transaction (`db.$transaction(async (tx) => …)`). */
export type DbOrTx = Db | Prisma.TransactionClient;

/**
 * What a handler gets for one attempt of one job.
 *
 * A handler may run more than once for the same job: after a retryable failure, and after the
 * worker running it died (its lease expired and another worker took the job over). So handlers
 * must be idempotent or resumable: start from what is durable (rows, content-addressed chunks,
 * a manifest written last) and never assume the previous attempt left nothing behind.
 */
export type JobContext<I = unknown> = {
  job: JobRow;
  input: I;
  db: Db;
  /** 1 on the first run, 2 on the first retry or takeover, … */
  attempt: number;
  /** Cheap to call often: the database sees it at most every ~500 ms (it also renews the lease). */
  progress(bytesDone: number, bytesTotal: number): void;
  /** One line for the job's short log (the last 50 lines are kept, each with its time). */
  log(line: string): void;
  /** Aborted when someone asks to cancel, the worker stops, or the lease was lost. Check it often. */
  signal: AbortSignal;
};

/** Why a job ended without success; `reason` is the plain-words sentence the user reads. */
export type JobOutcome = { status: 'failed' | 'cancelled'; reason: string; error?: unknown };

export type JobEndContext<I = unknown> = { job: JobRow; input: I; db: Db; attempt: number };

export type JobHandler<I = unknown, R = unknown> = {
  run(ctx: JobContext<I>): Promise<R> | R;
  /**
   * Runs once the job has failed for good or was cancelled — in whatever process ends it,
   * which after a crash is another worker's reaper, and for a queued job the process that
   * cancelled it. It runs before the job row leaves its active state, so a crash in between
   * repeats it: make it idempotent (e.g. "mark the image failed if it is still creating").
   */
  onEnd?(ctx: JobEndContext<I>, outcome: JobOutcome): Promise<void> | void;
  /**
   * Wait before retry number `attempt` (1 = after the first failure), for a kind whose retries
   * must be spread wider than the worker's doubling (a webhook receiver that is down for hours).
   */
  retryDelayMs?(attempt: number): number;
};

export type EnqueueOptions = {
  kind: string;
  input?: unknown;
  instanceId?: string | null;
  teamId?: string | null;
  createdById?: string | null;
  /** Held while the job is queued or running; a second job with the same key is refused. */
  lockKey?: string | null;
  maxAttempts?: number;
  runAfter?: Date;
};
