// A session ends 12 hours after its sign-in, however much it is used. next-auth's own expiry
// slides (every session read re-issues the token with a fresh maxAge, and its `iat` moves with
// it), so the sign-in time rides in the token as a claim of its own, set once at sign-in and
// never refreshed. A token without it was issued before this rule: its age is unknown, so it is
// over (its holder signs in once more).

export const SESSION_MAX_AGE_S = 12 * 60 * 60;
/** Servers sharing a secret may disagree on the time a little; more than this ahead is not a sign-in. */
const CLOCK_SKEW_S = 60;

// Any token's claims (next-auth's JWT type included); only the sign-in time is read.
type Claims = { readonly [claim: string]: unknown; signedInAt?: unknown };

/** When the session ends, in seconds since the epoch; null when the token has no sign-in time. */
export function sessionEndsAt(token: Claims): number | null {
  const at = token.signedInAt;
  return typeof at === 'number' && Number.isFinite(at) ? at + SESSION_MAX_AGE_S : null;
}

/** Whether a session is still valid at `nowMs`. */
export function sessionValid(token: Claims, nowMs: number): boolean {
  const ends = sessionEndsAt(token);
  const now = nowMs / 1000;
  return ends !== null && now < ends && (token.signedInAt as number) <= now + CLOCK_SKEW_S;
}

/** What is left of the session at `nowMs`, whole seconds (0 once over): the token's own lifetime. */
export function sessionSecondsLeft(token: Claims, nowMs: number): number {
  return sessionValid(token, nowMs) ? Math.max(0, Math.floor(sessionEndsAt(token)! - nowMs / 1000)) : 0;
}
