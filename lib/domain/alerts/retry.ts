// How often, and how far apart, a webhook delivery is tried: at once, then after 10 s, 50 s,
// about 4 min, 21 min and 1 h 44 min (the base times 5 to the power of the retry), so a receiver
// that is down for a couple of hours still gets the alert.

export const DELIVERY_ATTEMPTS = 6;
const FACTOR = 5;
const MAX_MS = 6 * 3_600_000;

/** Wait before retry number `attempt` (1 = after the first failed attempt). */
export function deliveryRetryDelayMs(attempt: number, baseMs = 10_000): number {
  return Math.min(MAX_MS, baseMs * FACTOR ** Math.max(0, attempt - 1));
}
