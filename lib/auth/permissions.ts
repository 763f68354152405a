import { DomainError, NotFoundError } from '@/lib/domain/errors';
// Who may see and touch what: the one place that answers it. Pure functions over
// the caller, so every data read and server action asks the same question the same way:
//   read   a team's instances, images, backups, jobs and audit entries: admins, and members
//          and viewers of that team
//   write  act on a team's resources: admins and members of that team (viewers only look)
//   admin  the admin console: users, teams, quotas, policies, provider accounts
//   self   the caller's own account (their password): anyone signed in

export type TeamRole = 'member' | 'viewer';

export const SESSION_ENDED = 'Your session has ended. Sign in again.';
// A user holding an admin's one-time password may only replace it (lib/auth/session.ts).
export const MUST_CHANGE_PASSWORD = 'Choose your own password in Settings first.';
export type Permission = 'read' | 'write' | 'admin' | 'self';

export type Caller = {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  memberships: { teamId: string; role: TeamRole }[];
};

/** May the caller do this (to the resources of this team, for read and write)? */
export function can(caller: Caller | null, permission: Permission, teamId?: string | null): boolean {
  if (!caller) return false;
  if (caller.isAdmin) return true;
  switch (permission) {
    case 'self':
      return true;
    case 'admin':
      return false;
    case 'read':
      return !!teamId && caller.memberships.some((m) => m.teamId === teamId);
    case 'write':
      return !!teamId && caller.memberships.some((m) => m.teamId === teamId && m.role === 'member');
  }
}

/** Team ids whose resources the caller may read; null means every team (admins). */
export function readableTeamIds(caller: Caller): string[] | null {
  if (caller.isAdmin) return null;
  return caller.memberships.map((m) => m.teamId);
}

/** The caller's role for display: admin, or their strongest team role. */
export function displayRole(caller: Caller): 'admin' | TeamRole {
  if (caller.isAdmin) return 'admin';
  return caller.memberships.some((m) => m.role === 'member') ? 'member' : 'viewer';
}

/** Refusal for a caller who may not do something; the message is safe to show. */
class ForbiddenError extends DomainError {
  constructor(message = 'You do not have permission to do that.') {
    super(message, undefined, 'forbidden');
    this.name = 'ForbiddenError';
  }
}

/**
 * The check every action and read makes before touching something. A team resource the
 * caller cannot even read is "not found" (its existence is not revealed); one they can read
 * but not change says why.
 */
export function authorize(
  caller: Caller | null,
  permission: Permission,
  teamId?: string | null,
  what = 'It',
): asserts caller is Caller {
  if (can(caller, permission, teamId)) return;
  if (!caller) throw new ForbiddenError(SESSION_ENDED);
  if (permission === 'admin') throw new ForbiddenError('Only administrators can do that.');
  if (permission === 'write' && can(caller, 'read', teamId))
    throw new ForbiddenError('Viewers can look but not change anything in this team.');
  throw new NotFoundError(what);
}
