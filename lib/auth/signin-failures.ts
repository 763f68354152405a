import type { Db } from '@/lib/db/client';

// Refused sign-ins by reason, for /metrics (lib/metrics/exposition.ts writes them out as the
// counter lifeboat_signin_failures_total). Counted in the database (SignInFailureTally), so
// every web server process on it, on this host or another, adds to the same figures, a restart
// loses none, and a scrape that reaches any one of them reads the whole installation's total.
// One row per reason, not a count over the audit log, so a scrape stays one small read however
// many sign-ins have ever failed.

export const SIGN_IN_FAILURE_REASONS = ['wrong_password', 'unknown_user', 'disabled', 'throttled'] as const;
export type SignInFailureReason = (typeof SIGN_IN_FAILURE_REASONS)[number];

export async function countSignInFailure(db: Db, reason: SignInFailureReason): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "SignInFailureTally" ("reason", "count") VALUES (${reason}, 1)
    ON CONFLICT ("reason") DO UPDATE SET "count" = "SignInFailureTally"."count" + 1`;
}

/** Every reason with its count; a reason never counted shows at 0, so a rate over it is defined from the start. */
export async function signInFailureCounts(db: Db): Promise<{ reason: SignInFailureReason; count: number }[]> {
  const rows = await db.signInFailureTally.findMany();
  const counted = new Map(rows.map((r) => [r.reason, r.count]));
  return SIGN_IN_FAILURE_REASONS.map((reason) => ({ reason, count: counted.get(reason) ?? 0 }));
}
