import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import type { Caller, TeamRole } from '@/lib/auth/permissions';
import type { TokenCaller } from '@/lib/auth/api-call';
import { DomainError, NotFoundError } from '@/lib/domain/errors';
import {
  formatToken,
  isWellFormedToken,
  SHOWN_PREFIX_LENGTH,
  tokenExpiry,
  tokenUnusable,
} from '@/lib/domain/api-tokens';

// Personal access tokens: made (the secret returned once, only its SHA-256 kept), listed,
// revoked, and turned back into a caller when a request presents one.

export const MAX_ACTIVE_TOKENS = 50;
/** How stale "last used" may get before a request writes it again (a script calling every second
 *  must not turn every read into a write). */
const LAST_USED_EVERY_MS = 60_000;

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export type NewToken = {
  name: string;
  scope: 'read' | 'write';
  teamIds: string[];
  expires: string;
};

export async function createApiToken(client: Db, caller: Caller, input: NewToken, now = new Date()) {
  const teamIds = [...new Set(input.teamIds)];
  if (teamIds.length) {
    const known = await client.team.findMany({ where: { id: { in: teamIds } }, select: { id: true } });
    const mine = caller.isAdmin ? known.map((t) => t.id) : caller.memberships.map((m) => m.teamId);
    if (teamIds.some((id) => !mine.includes(id)))
      throw new DomainError('Choose only teams you belong to.', 'teamIds', 'invalid_team');
  }
  const active = await client.apiToken.count({
    where: { userId: caller.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
  });
  if (active >= MAX_ACTIVE_TOKENS)
    throw new DomainError(
      `You already have ${MAX_ACTIVE_TOKENS} tokens. Revoke one you no longer use first.`,
      'name',
      'quota',
    );
  const secret = formatToken(randomBytes(32));
  const token = await client.apiToken.create({
    data: {
      userId: caller.id,
      name: input.name,
      prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
      secretHash: hashSecret(secret),
      scope: input.scope,
      teamIds: teamIds.length ? teamIds : undefined,
      expiresAt: tokenExpiry(now, input.expires === 'never' ? null : Number(input.expires)),
    },
    select: { id: true, name: true, prefix: true, scope: true, expiresAt: true },
  });
  return { secret, token };
}

/** Revokes a token of the caller's own, or anyone's for an administrator. */
export async function revokeApiToken(client: Db, caller: Caller, tokenId: string, now = new Date()) {
  const token = await client.apiToken.findUnique({
    where: { id: tokenId },
    select: { id: true, name: true, userId: true, revokedAt: true, user: { select: { email: true } } },
  });
  if (!token || (token.userId !== caller.id && !caller.isAdmin)) throw new NotFoundError('The token');
  if (!token.revokedAt) await client.apiToken.update({ where: { id: token.id }, data: { revokedAt: now } });
  return token;
}

/** Why a presented secret is refused (401), or the caller it stands for. */
export async function authenticateToken(
  client: Db,
  secret: string,
  ip: string,
  now = new Date(),
): Promise<TokenCaller | { refused: string }> {
  const invalid = { refused: 'This token is not valid. Check it, or create a new one in Settings.' };
  if (!isWellFormedToken(secret)) return invalid;
  const token = await client.apiToken.findUnique({
    where: { secretHash: hashSecret(secret) },
    select: {
      id: true,
      prefix: true,
      scope: true,
      teamIds: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      lastUsedIp: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          isAdmin: true,
          disabled: true,
          mustChangePassword: true,
          memberships: { select: { teamId: true, role: true } },
        },
      },
    },
  });
  if (!token) return invalid;
  const unusable = tokenUnusable(token, now);
  if (unusable) return { refused: `${unusable} Create a new one in Settings.` };
  const { user } = token;
  if (user.disabled) return { refused: 'The user of this token is disabled.' };
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_EVERY_MS || token.lastUsedIp !== ip)
    await client.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now, lastUsedIp: ip } });
  return {
    tokenId: token.id,
    tokenPrefix: token.prefix,
    scope: token.scope,
    caller: {
      id: user.id,
      email: user.email,
      name: user.name,
      mustChangePassword: user.mustChangePassword,
      ...narrowed(user, Array.isArray(token.teamIds) ? (token.teamIds as string[]) : null),
    },
  };
}

/** A token limited to teams acts only in those teams, and never as an administrator: an admin's
 *  token for one team is a member's of that team. */
function narrowed(
  user: { isAdmin: boolean; memberships: { teamId: string; role: string }[] },
  teamIds: string[] | null,
): Pick<Caller, 'isAdmin' | 'memberships'> {
  const role = (r: string): TeamRole => (r === 'viewer' ? 'viewer' : 'member');
  if (!teamIds)
    return {
      isAdmin: user.isAdmin,
      memberships: user.memberships.map((m) => ({ teamId: m.teamId, role: role(m.role) })),
    };
  const memberships = teamIds.flatMap((teamId) => {
    const m = user.memberships.find((x) => x.teamId === teamId);
    if (m) return [{ teamId, role: role(m.role) }];
    return user.isAdmin ? [{ teamId, role: 'member' as const }] : [];
  });
  return { isAdmin: false, memberships };
}

const TOKEN_ROW = {
  id: true,
  name: true,
  prefix: true,
  scope: true,
  teamIds: true,
  expiresAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  revokedAt: true,
  createdAt: true,
} as const;

export function listApiTokens(client: Db, userId: string | null) {
  return client.apiToken.findMany({
    where: userId ? { userId } : {},
    orderBy: [{ revokedAt: { sort: 'asc', nulls: 'first' } }, { createdAt: 'desc' }],
    select: { ...TOKEN_ROW, user: { select: { id: true, email: true } } },
    take: 500,
  });
}
