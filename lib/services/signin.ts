import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, retryAfterSeconds, throttleMessage } from '@/lib/domain/throttle';
import { isWellFormedText } from '@/lib/schemas/text';
import { recordAudit } from './audit';

// Sign-in: the throttle (per account and per address, counted from the audit log's failed
// sign-ins, so every web server sharing the database sees the same count), the password
// check, and an audit entry either way.

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

async function failures(db: Db, where: object, since: Date) {
  const rows = await db.auditEntry.findMany({ where: { action: 'auth.signin', result: 'failure', at: { gte: since }, ...where }, select: { at: true }, orderBy: { at: 'desc' }, take: 100 });
  return rows.map((r) => r.at);
}

/** The wait before this account or address may try again (0: now), counting failures since its last success. */
export async function signInWait(db: Db, email: string, ip: string, now = new Date()) {
  const since = new Date(now.getTime() - Math.max(ACCOUNT_LIMIT.windowMs, ADDRESS_LIMIT.windowMs));
  const lastSuccess = await db.auditEntry.findFirst({ where: { action: 'auth.signin', result: 'success', targetLabel: email, at: { gte: since } }, orderBy: { at: 'desc' }, select: { at: true } });
  const account = await failures(db, { targetLabel: email }, lastSuccess && lastSuccess.at > since ? lastSuccess.at : since);
  const address = ip ? await failures(db, { ip }, since) : [];
  return Math.max(retryAfterSeconds(account, ACCOUNT_LIMIT, now), retryAfterSeconds(address, ADDRESS_LIMIT, now));
}

/**
 * Checks an email and password; null for any mismatch so the page cannot tell which was wrong.
 * Throws ThrottledError (with its wait) before even looking at the password when throttled.
 */
export async function signIn(db: Db, raw: unknown, ip: string, now = new Date()) {
  const parsed = credentials.safeParse(raw);
  const email = parsed.success ? parsed.data.email : String((raw as { email?: unknown } | null)?.email ?? '').slice(0, 200).toLowerCase().toWellFormed().replaceAll('\u0000', '');
  const audit = (result: 'success' | 'failure' | 'refused', detail: string, actor?: { id: string; email: string }) =>
    recordAudit(db, { action: 'auth.signin', result, actorId: actor?.id, actorEmail: actor?.email ?? email, targetType: 'user', targetId: actor?.id, targetLabel: email, ip, detail, at: now });
  const wait = await signInWait(db, email, ip, now);
  if (wait > 0) {
    await audit('refused', 'Throttled.');
    throw new ThrottledError(wait);
  }
  const user = parsed.success ? await db.user.findUnique({ where: { email } }) : null;
  const password = parsed.success ? parsed.data.password : '';
  const ok = (await verifyPassword(password, user?.passwordHash ?? (await (decoyHash ??= hashPassword('no such user'))))) && !!user && !user.disabled;
  if (!user || !ok) {
    await audit('failure', !user ? 'No such user.' : user.disabled ? 'Account disabled.' : 'Wrong password.');
    return null;
  }
  await audit('success', '', user);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
