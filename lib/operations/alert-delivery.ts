import { z } from 'zod';
import { alertRetryBaseMs } from '@/lib/config/env';
import { decryptSecret } from '@/lib/crypto/secrets';
import type { Db } from '@/lib/db/client';
import { deliveryRetryDelayMs, DELIVERY_ATTEMPTS } from '@/lib/domain/alerts/retry';
import { webhookHeaders } from '@/lib/domain/alerts/signature';
import { PermanentJobError, type DbOrTx } from '@/lib/jobs';
import { recordAttempt, recordFailure, recordSkipped, recordSuccess } from '@/lib/services/alerts/deliveries';
import { sendAlertEmail, SmtpNotSet } from '@/lib/services/alerts/email';
import { alertSettings } from '@/lib/services/alerts/settings';
import { postWebhook, WebhookTargetRefused } from '@/lib/services/alerts/webhook';
import { defineOperation } from './define';

// Sending one alert to one destination (a webhook or an email), as a durable job: a worker that
// dies mid-send hands it to another, a receiver that fails is tried again with widening waits
// (lib/domain/alerts/retry.ts), and a delivery that fails for good counts against its
// destination, which is switched off after several in a row. Every attempt of a webhook carries the same webhook-id, so a receiver can
// drop a repeat; each is signed afresh with its own timestamp.

export const alertDelivery = defineOperation({
  kind: 'alert.deliver',
  input: z.object({ deliveryId: z.string() }),
  label: 'Send alert',
  // Upkeep, not a change anyone made: the delivery log is its record.
  audited: false,
  retryDelayMs: (attempt) => deliveryRetryDelayMs(attempt, alertRetryBaseMs()),
  async run({ db, input, attempt, log }) {
    const delivery = await db.alertDelivery.findUnique({
      where: { id: input.deliveryId },
      include: { destination: true },
    });
    if (!delivery || delivery.status !== 'queued') return { skipped: true };
    const { destination } = delivery;
    const test = delivery.event === 'alert.test';
    if (!destination.enabled && !test) {
      await recordSkipped(db, delivery.id, 'The destination was turned off before the alert went out.');
      return { skipped: true };
    }
    const settings = await alertSettings(db);
    const answer = await send(destination, delivery, settings).catch(async (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      const status = (error as { responseCode?: unknown }).responseCode;
      await recordAttempt(db, delivery.id, attempt, {
        error: reason,
        status: typeof status === 'number' ? status : null,
      });
      // A target that may not be reached, or no SMTP server at all, stays so: no retry.
      throw error instanceof WebhookTargetRefused || error instanceof SmtpNotSet
        ? new PermanentJobError(reason)
        : error;
    });
    if (answer.delivered) {
      await recordSuccess(db, delivery.id, attempt, answer, test);
      log(`Delivered: ${answer.status}`);
      return { status: answer.status };
    }
    // A redirect is not followed: where it points was never checked.
    const reason =
      answer.status >= 300 && answer.status < 400
        ? `The receiver answered ${answer.status} (a redirect, which is not followed).`
        : `The receiver answered ${answer.status}.`;
    await recordAttempt(db, delivery.id, attempt, { status: answer.status, excerpt: answer.excerpt, error: reason });
    throw new Error(reason);
  },
  async onEnd({ db, input }, outcome) {
    await recordFailure(db, input.deliveryId, outcome.reason);
  },
});

type Destination = { kind: string; target: string; secretEncrypted: string | null };
type Settings = Awaited<ReturnType<typeof alertSettings>>;

/** One attempt: a signed POST, or an email through the SMTP server. */
async function send(destination: Destination, delivery: { id: string; payload: string }, settings: Settings) {
  if (destination.kind === 'email') {
    // An SMTP server that takes the message answers 250; any refusal is thrown.
    return { ...(await sendAlertEmail(settings, destination.target, delivery.payload)), delivered: true };
  }
  if (!destination.secretEncrypted) throw new PermanentJobError('This webhook has no signing secret; add it again.');
  const secret = decryptSecret(destination.secretEncrypted);
  const headers = webhookHeaders(secret, `msg_${delivery.id}`, new Date(), delivery.payload);
  const answer = await postWebhook(destination.target, headers, delivery.payload, {
    allowPrivate: settings.allowPrivateTargets,
  });
  return { ...answer, delivered: answer.status >= 200 && answer.status < 300 };
}

/** Queues the job of a delivery just made, in the caller's transaction. */
export async function queueDelivery(db: DbOrTx, delivery: { id: string; teamId: string }) {
  const job = await alertDelivery.enqueue(db, {
    input: { deliveryId: delivery.id },
    teamId: delivery.teamId,
    maxAttempts: DELIVERY_ATTEMPTS,
  });
  await (db as Db).alertDelivery.update({ where: { id: delivery.id }, data: { jobId: job.id } });
  return job;
}
