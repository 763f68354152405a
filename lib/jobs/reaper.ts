import type { Db } from '@/lib/db/client';
import { endWithHook } from './final';
import { appendLog } from './log';
import { plural } from './status';
import { takeOver, updateOwned } from './store';

// Every worker reaps: a running job whose lease has expired lost its worker (killed, crashed,
// hung, cut off from the database). It goes back to the queue while it has attempts left —
// handlers are written to run again — and otherwise fails with a reason a person can read.

export async function reapExpired(db: Db, owner: string, leaseMs: number): Promise<number> {
  const expired = await db.job.findMany({
    where: { status: 'running', leaseExpiresAt: { lt: new Date() } },
    orderBy: { leaseExpiresAt: 'asc' },
    take: 20,
  });
  let reaped = 0;
  for (const stale of expired) {
    // Take the lease first, so two reapers never both re-queue or both run the end hook.
    if (!(await takeOver(db, stale.id, owner, leaseMs))) continue;
    const job = await db.job.findUniqueOrThrow({ where: { id: stale.id } });
    reaped++;
    if (job.cancelRequested) {
      await endWithHook(db, job, owner, { status: 'cancelled', reason: 'Cancelled (its worker had stopped).' });
    } else if (job.attempts < job.maxAttempts) {
      const line = `The worker running this job stopped; starting again (attempt ${job.attempts + 1} of ${job.maxAttempts}).`;
      await updateOwned(db, job.id, owner, {
        status: 'queued',
        leaseOwner: null,
        leaseExpiresAt: null,
        speedBps: null,
        etaSeconds: null,
        runAfter: new Date(),
        log: appendLog(job.log, [line], new Date()),
      });
    } else {
      const reason = `The worker running this job stopped; gave up after ${plural(job.attempts, 'attempt')}.`;
      await endWithHook(db, job, owner, { status: 'failed', reason, error: new Error(reason) });
    }
  }
  return reaped;
}
