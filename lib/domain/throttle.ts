// The sign-in throttle's rule, apart from where failures are kept: after `limit` failures
// inside `windowMs`, the key (an account or an address) waits until the oldest of them ages out.

export const ACCOUNT_LIMIT = { limit: 5, windowMs: 15 * 60_000 };
export const ADDRESS_LIMIT = { limit: 20, windowMs: 15 * 60_000 };

export type ThrottleRule = { limit: number; windowMs: number };

/** Seconds until another attempt is allowed, or 0 when one may be made now. */
export function retryAfterSeconds(failuresAt: Date[], rule: ThrottleRule, now: Date): number {
  const recent = failuresAt
    .filter((t) => now.getTime() - t.getTime() < rule.windowMs)
    .sort((a, b) => b.getTime() - a.getTime());
  if (recent.length < rule.limit) return 0;
  // The attempt that brings the count under the limit again is the limit-th newest one.
  const freeing = recent[rule.limit - 1];
  return Math.max(1, Math.ceil((freeing.getTime() + rule.windowMs - now.getTime()) / 1000));
}

export function throttleMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
