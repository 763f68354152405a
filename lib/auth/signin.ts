import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { hashPassword, verifyPassword } from './password';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, retryAfterSeconds, throttleMessage } from '@/lib/domain/throttle';
import { isWellFormedText } from '@/lib/schemas/text';
import { recordAudit } from '@/lib/db/audit';
import { countSignInFailure } from './signin-failures';

// Sign-in: the throttle (per account and per address, counted from the audit log's failed
// sign-ins, so every web server sharing the database sees the same count), the password
// check, and an audit entry either way.
//
// The throttle holds under parallel requests because each attempt is written down before it
// is judged: its audit entry goes in first (as a failure, which is what it is until the
// password proves otherwise), and only then are the other failures counted. Of any number of
// simultaneous attempts, the n-th to be written sees the n-1 before it, so at most `limit` of
// them get as far as the password check; the rest are refused, and their entries say so.

const credentials = z.object({
  // Any stored address signs in, even one a stricter email check would refuse.
  email: z.string().trim().toLowerCase().min(1).max(320).refine(isWellFormedText),
  password: z.string().min(1).max(1024).refine(isWellFormedText),
});

// Checked against when there is no such user, so an unknown email takes as long as a wrong password.
let decoyHash: Promise<string> | null = null;

export class ThrottledError extends Error {
  constructor(readonly retryAfter: number) {
    super(throttleMessage(retryAfter));
    this.name = 'ThrottledError';
  }
}

// Written by the reservation and left so if the process dies before the check ends.
const UNFINISHED = 'Stopped before the password check finished.';

async function failures(db: Db, where: object, since: Date, exceptId?: string) {
  const rows = await db.auditEntry.findMany({
    where: {
      action: 'auth.signin',
      result: 'failure',
      at: { gte: since },
      ...(exceptId ? { id: { not: exceptId } } : {}),
      ...where,
    },
    select: { at: true },
    orderBy: { at: 'desc' },
    take: 100,
  });
  return rows.map((r) => r.at);
}

/**
 * The wait before this account or address may try again (0: now), counting failures since its
 * last success; `exceptId` leaves out the attempt being judged (its own reservation).
 */
async function signInWait(db: Db, email: string, ip: string, now = new Date(), exceptId?: string) {
  const since = new Date(now.getTime() - Math.max(ACCOUNT_LIMIT.windowMs, ADDRESS_LIMIT.windowMs));
  const lastSuccess = await db.auditEntry.findFirst({
    where: { action: 'auth.signin', result: 'success', targetLabel: email, at: { gte: since } },
    orderBy: { at: 'desc' },
    select: { at: true },
  });
  const account = await failures(
    db,
    { targetLabel: email },
    lastSuccess && lastSuccess.at > since ? lastSuccess.at : since,
    exceptId,
  );
  const address = ip ? await failures(db, { ip }, since, exceptId) : [];
  return Math.max(retryAfterSeconds(account, ACCOUNT_LIMIT, now), retryAfterSeconds(address, ADDRESS_LIMIT, now));
}

/**
 * Checks an email and password; null for any mismatch so the page cannot tell which was wrong.
 * Throws ThrottledError (with its wait) before even looking at the password when throttled.
 */
export async function signIn(db: Db, raw: unknown, ip: string, now = new Date()) {
  const parsed = credentials.safeParse(raw);
  const email = parsed.success
    ? parsed.data.email
    : String((raw as { email?: unknown } | null)?.email ?? '')
        .slice(0, 200)
        .toLowerCase()
        .toWellFormed()
        .replaceAll('\u0000', '');
  // The attempt's entry, reserved first (see the top of this file) and settled once judged.
  const attempt = await recordAudit(db, {
    action: 'auth.signin',
    result: 'failure',
    actorEmail: email,
    targetType: 'user',
    targetLabel: email,
    ip,
    detail: UNFINISHED,
    at: now,
  });
  const settle = (result: 'success' | 'failure' | 'refused', detail: string, actor?: { id: string; email: string }) =>
    db.auditEntry.update({
      where: { id: attempt.id },
      data: {
        result,
        detail,
        actorId: actor?.id ?? null,
        actorEmail: actor?.email ?? email,
        targetId: actor?.id ?? null,
      },
    });
  const wait = await signInWait(db, email, ip, now, attempt.id);
  if (wait > 0) {
    await settle('refused', 'Throttled.');
    await countSignInFailure(db, 'throttled');
    throw new ThrottledError(wait);
  }
  const user = parsed.success ? await db.user.findUnique({ where: { email } }) : null;
  const password = parsed.success ? parsed.data.password : '';
  // verifyPassword never matches a password longer than bcrypt reads (lib/auth/password.ts).
  const ok =
    (await verifyPassword(password, user?.passwordHash ?? (await (decoyHash ??= hashPassword('no such user'))))) &&
    !!user &&
    !user.disabled;
  if (!user || !ok) {
    await settle('failure', !user ? 'No such user.' : user.disabled ? 'Account disabled.' : 'Wrong password.');
    await countSignInFailure(db, !user ? 'unknown_user' : user.disabled ? 'disabled' : 'wrong_password');
    return null;
  }
  await settle('success', '', user);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
