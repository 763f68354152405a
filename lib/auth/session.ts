import 'server-only';
import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { db } from '@/lib/db/client';
import { authOptions } from './options';
import { sessionValid } from './session-age';
import { MUST_CHANGE_PASSWORD, type Caller } from './permissions';
import { currentApiCall } from './api-call';

/** A user's account fields that the session and the admin console both read (never the password hash). */
export const USER_ACCOUNT_SELECT = {
  id: true,
  email: true,
  name: true,
  isAdmin: true,
  disabled: true,
  mustChangePassword: true,
} as const;

/**
 * The signed-in user with their memberships, or null; read once per request. It includes a
 * user who still holds an admin's one-time password (mustChangePassword): only the code that
 * lets them replace it (Settings, the password-change action) may use it as is; everything
 * else resolves the caller through requireCaller() or getActiveCaller(), which refuse them.
 */
export const getCaller = cache(async (): Promise<(Caller & { mustChangePassword: boolean }) | null> => {
  // A request to /api/v1 is its token's user, narrowed by the token (lib/auth/api-call.ts).
  const api = currentApiCall();
  if (api) return api.caller;
  const session = await getServerSession(authOptions);
  const { id, sv, signedInAt } = (session?.user ?? {}) as { id?: string; sv?: number; signedInAt?: number };
  // 12 hours from sign-in, however the session was used since (./session-age.ts).
  if (!id || !sessionValid({ signedInAt }, Date.now())) return null;
  const user = await db().user.findUnique({
    where: { id },
    select: { ...USER_ACCOUNT_SELECT, sessionVersion: true, memberships: { select: { teamId: true, role: true } } },
  });
  // A disabled user, or a session from before a password change or reset, is signed out.
  if (!user || user.disabled || user.sessionVersion !== (sv ?? 0)) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    mustChangePassword: user.mustChangePassword,
    memberships: user.memberships.map((m) => ({ teamId: m.teamId, role: m.role === 'viewer' ? 'viewer' : 'member' })),
  };
});

/** Thrown for a caller who must choose their own password first; API routes answer 403. */
export class PasswordChangeRequiredError extends Error {
  readonly status = 403;
  constructor() {
    super(MUST_CHANGE_PASSWORD);
    this.name = 'PasswordChangeRequiredError';
  }
}

/**
 * Every page and data read but sign-in and Settings starts here: no session, no data (to
 * sign-in); a one-time password not yet replaced, no data either (to Settings, the only page
 * such a user may use). The check is here, where the caller is resolved, so no read can miss it.
 */
export async function requireCaller(): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) redirect('/signin');
  if (caller.mustChangePassword) redirect('/settings');
  return caller;
}

/**
 * The same gate for reads behind API routes, which answer JSON instead of redirecting: null
 * when signed out, PasswordChangeRequiredError when the one-time password is not yet replaced.
 */
export async function getActiveCaller(): Promise<Caller | null> {
  const caller = await getCaller();
  if (caller?.mustChangePassword) throw new PasswordChangeRequiredError();
  return caller;
}

/** An API route's answer to a refused caller: 403 JSON with the reason; anything else is re-thrown. */
export function refusalResponse(error: unknown): Response {
  if (error instanceof PasswordChangeRequiredError)
    return Response.json({ error: error.message }, { status: error.status, headers: { 'Cache-Control': 'no-store' } });
  throw error;
}
