// A token bucket per API token: `capacity` requests at once, refilled at `perSecond`. Pure: the
// caller keeps the buckets and passes the time. lib/api/rate-limits.ts takes from the buckets it
// keeps in the database with the same rule written in SQL (its test holds the two together).

export type Bucket = { tokens: number; at: number };
export type RateLimit = { capacity: number; perSecond: number };

/** Takes one request from the bucket at `now` (ms). When none is left: the seconds until one is. */
export function takeRequest(
  bucket: Bucket | undefined,
  now: number,
  limit: RateLimit,
): { bucket: Bucket; allowed: boolean; retryAfterSeconds: number; remaining: number } {
  const elapsed = bucket ? Math.max(0, now - bucket.at) / 1000 : 0;
  const tokens = Math.min(limit.capacity, (bucket?.tokens ?? limit.capacity) + elapsed * limit.perSecond);
  if (tokens >= 1)
    return {
      bucket: { tokens: tokens - 1, at: now },
      allowed: true,
      retryAfterSeconds: 0,
      remaining: Math.floor(tokens - 1),
    };
  return {
    bucket: { tokens, at: now },
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / limit.perSecond)),
    remaining: 0,
  };
}
