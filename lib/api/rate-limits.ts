import 'server-only';
import { takeRequest, type Bucket, type RateLimit } from '@/lib/domain/rate-limit';
import { ApiError } from './errors';

// Per-token rate limits, kept in this server process: LIFEBOAT_API_RATE_PER_MINUTE requests a
// minute (600 unless set), as a burst of as many. Failed authentications are limited the same
// way per address, so guessing tokens is slow too. Several server processes each keep their own.

const buckets = new Map<string, Bucket>();
const MAX_BUCKETS = 100_000;

function limit(): RateLimit {
  const perMinute = Math.max(1, Number(process.env.LIFEBOAT_API_RATE_PER_MINUTE) || 600);
  return { capacity: perMinute, perSecond: perMinute / 60 };
}

/** Takes one request for `who`; a 429 error when none is left. */
export function rateLimit(who: string, now = Date.now()): { remaining: number; limit: number } {
  const l = limit();
  const taken = takeRequest(buckets.get(who), now, l);
  if (buckets.size >= MAX_BUCKETS && !buckets.has(who)) buckets.delete(buckets.keys().next().value!);
  buckets.set(who, taken.bucket);
  if (!taken.allowed) {
    const error = ApiError.of(
      'rate_limited',
      `Too many requests: at most ${l.capacity} a minute. Retry in ${taken.retryAfterSeconds} s.`,
    );
    error.headers['Retry-After'] = String(taken.retryAfterSeconds);
    throw error;
  }
  return { remaining: taken.remaining, limit: l.capacity };
}
