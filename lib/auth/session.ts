import 'server-only';
import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { db } from '@/lib/db/client';
import { authOptions } from './options';
import { sessionValid } from './session-age';
import type { Caller } from './permissions';

/** The signed-in user with their memberships, or null; read once per request. */
export const getCaller = cache(async (): Promise<(Caller & { mustChangePassword: boolean }) | null> => {
  const session = await getServerSession(authOptions);
  const { id, sv, signedInAt } = (session?.user ?? {}) as { id?: string; sv?: number; signedInAt?: number };
  // 12 hours from sign-in, however the session was used since (./session-age.ts).
  if (!id || !sessionValid({ signedInAt }, Date.now())) return null;
  const user = await db().user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, isAdmin: true, disabled: true, sessionVersion: true, mustChangePassword: true, memberships: { select: { teamId: true, role: true } } },
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

/** Every page and data read but sign-in starts here: no session, no data. */
export async function requireCaller(): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) redirect('/signin');
  return caller;
}
