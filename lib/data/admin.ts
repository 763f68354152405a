import 'server-only';
import { can } from '@/lib/auth/permissions';
import { requireCaller, USER_ACCOUNT_SELECT } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { COUNTED_STATUSES } from '@/lib/services/images';
import { teamUsage } from '@/lib/services/teams';

// Page reads for the admin console: admins only (null for anyone else, so the page shows not
// found). Password hashes and session versions never leave this file.

/** The console's index: how many users, teams and provider accounts there are. */
export async function readAdminSummary() {
  const caller = await requireCaller();
  if (!can(caller, 'admin')) return null;
  const [users, disabledUsers, teams, accounts] = await Promise.all([
    db().user.count(),
    db().user.count({ where: { disabled: true } }),
    db().team.count(),
    db().providerAccount.count(),
  ]);
  return { users, disabledUsers, teams, accounts };
}

export async function readUsers() {
  const caller = await requireCaller();
  if (!can(caller, 'admin')) return null;
  const users = await db().user.findMany({
    orderBy: { email: 'asc' },
    select: {
      ...USER_ACCOUNT_SELECT,
      memberships: { select: { role: true, team: { select: { id: true, name: true } } }, orderBy: { team: { name: 'asc' } } },
    },
  });
  return users.map(({ memberships, ...u }) => ({
    ...u,
    // The console hides the buttons that would lock the admin out of their own account.
    isYou: u.id === caller.id,
    teams: memberships.map((m) => ({ id: m.team.id, name: m.team.name, role: m.role })),
  }));
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof readUsers>>>[number];

export async function readTeams() {
  const caller = await requireCaller();
  if (!can(caller, 'admin')) return null;
  const teams = await db().team.findMany({
    orderBy: { name: 'asc' },
    include: { _count: { select: { memberships: true, instances: true, images: { where: { status: { in: COUNTED_STATUSES } } } } } },
  });
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    members: t._count.memberships,
    instances: t._count.instances,
    images: t._count.images,
    maxImages: t.maxImages,
    maxInstances: t.maxInstances,
    backupsRequired: t.backupsRequired,
    holding: t.holdsAccountId !== null,
  }));
}

/** One team for its page: members, quotas against usage, and the backups policy's state. */
export async function readTeam(id: string) {
  const caller = await requireCaller();
  if (!can(caller, 'admin')) return null;
  const team = await db().team.findUnique({
    where: { id },
    include: { memberships: { include: { user: { select: { id: true, email: true, name: true, disabled: true } } }, orderBy: { user: { email: 'asc' } } } },
  });
  if (!team) return null;
  const usage = await teamUsage(db(), team.id);
  return {
    id: team.id,
    name: team.name,
    members: team.memberships.map((m) => ({ ...m.user, role: m.role === 'viewer' ? ('viewer' as const) : ('member' as const) })),
    quota: { maxImages: team.maxImages, images: usage.images, maxInstances: team.maxInstances, instances: usage.instances },
    backupsRequired: team.backupsRequired,
    // The team that holds a remote account's unassigned instances takes no members.
    holding: team.holdsAccountId !== null,
    // Instances with backups off: what the policy would flag (counted whether or not it is on).
    nonCompliant: usage.withoutBackups,
  };
}

export type TeamDetail = NonNullable<Awaited<ReturnType<typeof readTeam>>>;
