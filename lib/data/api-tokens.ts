import 'server-only';
import { can, readableTeamIds } from '@/lib/auth/permissions';
import { requireCaller } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { listApiTokens } from '@/lib/services/api-tokens';
import { teamsInScope } from '@/lib/services/teams';

// Token reads: the caller's own for Settings, everyone's for an administrator. Never a secret
// (only its hash is kept) nor the hash.

function toView(t: Awaited<ReturnType<typeof listApiTokens>>[number], now = new Date()) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scope: t.scope,
    teamIds: Array.isArray(t.teamIds) ? (t.teamIds as string[]) : null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: t.lastUsedIp,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    // Decided at the read, so the server's and the browser's render agree.
    expired: !!t.expiresAt && t.expiresAt.getTime() <= now.getTime(),
    createdAt: t.createdAt.toISOString(),
    user: t.user,
  };
}

export type TokenRow = ReturnType<typeof toView>;

export async function readOwnTokens(): Promise<TokenRow[]> {
  const caller = await requireCaller();
  return (await listApiTokens(db(), caller.id)).map((t) => toView(t));
}

/** Settings' tokens section: the caller's tokens and the teams a new one may be limited to. */
export async function readTokenSettings() {
  const caller = await requireCaller();
  const [tokens, teams] = await Promise.all([
    listApiTokens(db(), caller.id),
    teamsInScope(db(), readableTeamIds(caller)),
  ]);
  return { tokens: tokens.map((t) => toView(t)), teams };
}

/** Every user's tokens, for the admin console; null for anyone else. */
export async function readAllTokens(): Promise<TokenRow[] | null> {
  const caller = await requireCaller();
  if (!can(caller, 'admin')) return null;
  return (await listApiTokens(db(), null)).map((t) => toView(t));
}
