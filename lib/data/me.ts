import 'server-only';
import { readableTeamIds } from '@/lib/auth/permissions';
import { requireCaller } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { teamsInScope } from '@/lib/services/teams';

// Who is calling and in which teams, with what role: what a script needs to name a team (the
// CLI's --team takes a name) without the admin console.
export async function readMe() {
  const caller = await requireCaller();
  const teams = await teamsInScope(db(), readableTeamIds(caller));
  const roleOf = (id: string) => caller.memberships.find((m) => m.teamId === id)?.role ?? 'admin';
  return {
    user: { id: caller.id, email: caller.email, name: caller.name, isAdmin: caller.isAdmin },
    teams: teams.map((t) => ({ ...t, role: roleOf(t.id) })),
  };
}
