import { DomainError } from '@/lib/services/errors';
// Who may see and touch what: the one place that answers it. Pure functions over the caller,
// so every data read and server action asks the same question the same way.

export type TeamRole = 'member' | 'viewer';

export type Caller = {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  memberships: { teamId: string; role: TeamRole }[];
};

/** Team ids whose resources the caller may read; null means every team (admins). */
export function readableTeamIds(caller: Caller): string[] | null {
  if (caller.isAdmin) return null;
  return caller.memberships.map((m) => m.teamId);
}

export function canRead(caller: Caller, teamId: string): boolean {
  return caller.isAdmin || caller.memberships.some((m) => m.teamId === teamId);
}

export function canWrite(caller: Caller, teamId: string): boolean {
  return caller.isAdmin || caller.memberships.some((m) => m.teamId === teamId && m.role === 'member');
}

/** The caller's role for display: admin, or their strongest team role. */
export function displayRole(caller: Caller): 'admin' | TeamRole {
  if (caller.isAdmin) return 'admin';
  return caller.memberships.some((m) => m.role === 'member') ? 'member' : 'viewer';
}

/** Refusal for a caller who may not act on a team's resources; the message is safe to show. */
export class ForbiddenError extends DomainError {
  constructor(message = 'You do not have permission to do that.') {
    super(message, undefined, 'forbidden');
    this.name = 'ForbiddenError';
  }
}

/** The check every mutating action makes before touching a team's resource. */
export function assertCanWrite(caller: Caller, teamId: string): void {
  if (!canWrite(caller, teamId)) {
    throw new ForbiddenError(canRead(caller, teamId) ? 'Viewers can look but not change anything in this team.' : 'You do not have permission to do that.');
  }
}
