import type { Db } from '@/lib/db/client';
import { DISABLE_AFTER_FAILURES, disabledSentence } from '@/lib/domain/alerts/events';
import type { DbOrTx } from '@/lib/jobs';

// How a delivery's attempts and end are written down: the delivery log's rows, and the
// destination's count of deliveries in a row that failed, which switches it off at the limit.

type Answer = { status?: number | null; excerpt?: string; error?: string | null };

const excerptOf = (a: Answer) => (a.excerpt ?? '').slice(0, 1024);

/** One attempt that did not get through: kept on the row while the job may still retry. */
export function recordAttempt(db: Db, id: string, attempt: number, answer: Answer) {
  return db.alertDelivery.updateMany({
    where: { id, status: 'queued' },
    data: {
      attempts: attempt,
      responseStatus: answer.status ?? null,
      responseExcerpt: excerptOf(answer),
      error: answer.error ?? null,
    },
  });
}

export async function recordSuccess(db: Db, id: string, attempt: number, answer: Answer, test: boolean) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.alertDelivery.updateMany({
      where: { id, status: 'queued' },
      data: {
        status: 'succeeded',
        attempts: attempt,
        responseStatus: answer.status ?? null,
        responseExcerpt: excerptOf(answer),
        error: null,
        finishedAt: new Date(),
      },
    });
    const delivery = await tx.alertDelivery.findUnique({ where: { id }, select: { destinationId: true } });
    if (count === 1 && delivery && !test)
      await tx.alertDestination.update({ where: { id: delivery.destinationId }, data: { consecutiveFailures: 0 } });
  });
}

/**
 * The delivery failed for good (its last attempt, or a target that may not be reached). Counted
 * once, however often the job's end runs; a test's failure is not counted against the destination.
 * The delivery's status and its destination's count change in one transaction: whoever reads the
 * delivery as failed reads it counted too.
 */
export function recordFailure(db: DbOrTx, id: string, reason: string): Promise<void> {
  return '$transaction' in db
    ? (db as Db).$transaction((tx) => countFailure(tx, id, reason))
    : countFailure(db, id, reason);
}

async function countFailure(client: DbOrTx, id: string, reason: string) {
  const { count } = await client.alertDelivery.updateMany({
    where: { id, status: 'queued' },
    data: { status: 'failed', error: reason, finishedAt: new Date() },
  });
  if (count !== 1) return;
  const delivery = await client.alertDelivery.findUniqueOrThrow({
    where: { id },
    select: { destinationId: true, event: true },
  });
  if (delivery.event === 'alert.test') return;
  const destination = await client.alertDestination.update({
    where: { id: delivery.destinationId },
    data: { consecutiveFailures: { increment: 1 } },
  });
  if (destination.enabled && destination.consecutiveFailures >= DISABLE_AFTER_FAILURES)
    await client.alertDestination.update({
      where: { id: destination.id },
      data: { enabled: false, disabledReason: disabledSentence(destination.consecutiveFailures) },
    });
}

/** The destination was turned off (or removed) before the delivery's turn: nothing was sent. */
export function recordSkipped(db: Db, id: string, why: string) {
  return db.alertDelivery.updateMany({
    where: { id, status: 'queued' },
    data: { status: 'skipped', error: why, finishedAt: new Date() },
  });
}
