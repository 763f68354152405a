import 'server-only';
import { createHash } from 'node:crypto';
import { db } from '@/lib/db/client';
import { ApiError } from './errors';

// Idempotency-Key on POSTs (as Stripe and the IETF draft describe it): the first request with a
// key runs and its answer is kept for 24 hours; a retry with the same key and the same request
// gets that answer again without running; the same key with another request, or while the
// first is still running, is refused.

export const KEPT_MS = 24 * 3600_000;
const KEY = /^[\x21-\x7e]{1,255}$/;

export type Kept = { status: number; body: string };

export function fingerprintOf(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([method, path, body]))
    .digest('hex');
}

/** Claims `key` for this request: null when it is new (run it, then keep()), or the kept answer. */
export async function claim(userId: string, key: string, fingerprint: string, now = new Date()): Promise<Kept | null> {
  if (!KEY.test(key))
    throw ApiError.of('bad_request', 'An Idempotency-Key is 1 to 255 printable ASCII characters without spaces.');
  const client = db();
  // Keys older than a day are forgotten (and so are everyone's: the table stays small).
  await client.idempotentRequest.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - KEPT_MS) } } });
  try {
    await client.idempotentRequest.create({ data: { userId, key, fingerprint, createdAt: now } });
    return null;
  } catch (error) {
    if ((error as { code?: string }).code !== 'P2002') throw error;
  }
  const kept = await client.idempotentRequest.findUnique({ where: { userId_key: { userId, key } } });
  if (!kept) return claim(userId, key, fingerprint, now);
  if (kept.fingerprint !== fingerprint)
    throw ApiError.of(
      'idempotency_key_reused',
      'This Idempotency-Key was used for another request. Use a new key for each different request.',
    );
  if (kept.status === null) {
    const busy = ApiError.of(
      'idempotency_in_progress',
      'A request with this Idempotency-Key is still running. Retry shortly.',
    );
    busy.headers['Retry-After'] = '1';
    throw busy;
  }
  return { status: kept.status, body: kept.body };
}

/** Keeps the answer for retries; a server error is not kept, so a retry runs again. */
export async function keep(userId: string, key: string, answer: Kept): Promise<void> {
  const where = { userId_key: { userId, key } };
  if (answer.status >= 500)
    await db()
      .idempotentRequest.delete({ where })
      .catch(() => {});
  else await db().idempotentRequest.update({ where, data: { status: answer.status, body: answer.body } });
}
