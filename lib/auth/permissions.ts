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
