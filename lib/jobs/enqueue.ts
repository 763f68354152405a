import type { Db } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { InstanceBusyError } from './errors';
import { endWithHook } from './final';
import { isPlainClient, newWorkerId, toJson } from './store';
import type { DbOrTx, EnqueueOptions, JobRow } from './types';

const CANCEL_LEASE_MS = 30_000;

/**
 * Queues a job; pass a transaction client to create it atomically with other rows (the image
 * it fills in). With a `lockKey` (normally the instance id) the unique index refuses a second
 * active job on the same key, across every process: that is InstanceBusyError.
 */
export async function enqueueJob(db: DbOrTx, options: EnqueueOptions): Promise<JobRow> {
  const data = {
    kind: options.kind,
    input: toJson(options.input ?? {}),
    instanceId: options.instanceId ?? null,
    teamId: options.teamId ?? null,
    createdById: options.createdById ?? null,
    lockKey: options.lockKey ?? null,
    maxAttempts: options.maxAttempts ?? 3,
    // Set here rather than by the column default, so every row compares in the same format.
    runAfter: options.runAfter ?? new Date(),
  };
  try {
    // On SQLite the client makes this insert wait for any open transaction rather than join it
    // (lib/db/sqlite-turns.ts): two scheduler ticks at once once lost a job inside a rolled-back one.
    if (!data.lockKey) return await db.job.create({ data });
    // In a savepoint of its own: inside a transaction (an action's), a refused insert must not
    // abort the whole of it on PostgreSQL, since callers may carry on (a collection already queued).
    return await (db as Db).$transaction((tx) => tx.job.create({ data }));
  } catch (error) {
    if (!data.lockKey || !isUniqueViolation(error, 'lockKey')) throw error;
    // Name the job in the way when we can; a transaction client of the caller's may have been
    // aborted by the failed insert (PostgreSQL), so only a plain client may look.
    const busy = isPlainClient(db)
      ? await db.job
          .findUnique({ where: { lockKey: data.lockKey }, select: { id: true, kind: true, status: true } })
          .catch(() => null)
      : null;
    throw new InstanceBusyError(data.lockKey, busy ?? undefined);
  }
}

/**
 * Asks a job to stop. A queued job is cancelled at once (its end hook runs here, so the process
 * calling this should have the handlers registered); a running one has its flag set, and its
 * worker aborts the handler's signal on its next poll and ends it as cancelled. An ended job is
 * left alone. Returns the job as it is afterwards (null if there is none).
 */
export async function requestCancel(db: Db, jobId: string): Promise<JobRow | null> {
  const owner = newWorkerId('cancel');
  // Take the queued job as if running it, so no worker can claim it while the hook runs; if this
  // process dies meanwhile, the lease expires and a reaper finishes the cancel.
  const took = await db.job.updateMany({
    where: { id: jobId, status: 'queued' },
    data: {
      status: 'running',
      cancelRequested: true,
      leaseOwner: owner,
      leaseExpiresAt: new Date(Date.now() + CANCEL_LEASE_MS),
    },
  });
  if (took.count === 1) {
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    const reason = job.attempts > 0 ? 'Cancelled while waiting to try again.' : 'Cancelled before it started.';
    await endWithHook(db, job, owner, { status: 'cancelled', reason });
  } else {
    await db.job.updateMany({ where: { id: jobId, status: 'running' }, data: { cancelRequested: true } });
  }
  return db.job.findUnique({ where: { id: jobId } });
}
