import type { Caller } from '@/lib/auth/permissions';
import type { Db } from '@/lib/db/client';
import { createApiToken, type NewToken } from '@/lib/services/api-tokens';

// Tokens for the API tests, made by the service Settings uses, for a user of the test world.

export async function tokenFor(db: Db, userId: string, options: Partial<NewToken> = {}): Promise<string> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, name: true, isAdmin: true, memberships: { select: { teamId: true, role: true } } },
  });
  const caller: Caller = {
    ...user,
    memberships: user.memberships.map((m) => ({ teamId: m.teamId, role: m.role === 'viewer' ? 'viewer' : 'member' })),
  };
  const { secret } = await createApiToken(db, caller, {
    name: options.name ?? 'test token',
    scope: options.scope ?? 'write',
    teamIds: options.teamIds ?? [],
    expires: options.expires ?? '30',
  });
  return secret;
}
