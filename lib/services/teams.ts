import type { Db } from '@/lib/db/client';
import type { TeamRole } from '@/lib/auth/permissions';
import { isUniqueViolation } from '@/lib/db/errors';
import { DomainError, NotFoundError } from '@/lib/domain/errors';
import { countTeamImages } from './quotas';

// Teams as the admin console changes them: names, members and their roles, quotas and the
// backups policy. Callers have already checked the caller is an admin.

export type TeamQuota = { maxImages: number | null; maxInstances: number | null };

const taken = (name: string) => new DomainError(`A team named ${name} already exists.`, 'name');

export async function findTeam(db: Db, teamId: string) {
  const team = await db.team.findUnique({ where: { id: teamId } });
  if (!team) throw new NotFoundError('The team');
  return team;
}

/** Names are unique regardless of case ("Ops" and "ops" would read as one team). */
async function assertNameFree(db: Db, name: string, exceptId?: string) {
  const teams = await db.team.findMany({ select: { id: true, name: true } });
  if (teams.some((t) => t.id !== exceptId && t.name.toLowerCase() === name.toLowerCase())) throw taken(name);
}

async function unique<T>(name: string, write: () => Promise<T>) {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, 'name')) throw taken(name);
    throw error;
  }
}

export async function createTeam(db: Db, name: string) {
  await assertNameFree(db, name);
  return unique(name, () => db.team.create({ data: { name } }));
}

export async function renameTeam(db: Db, teamId: string, name: string) {
  const team = await findTeam(db, teamId);
  if (team.name === name) return team;
  await assertNameFree(db, name, team.id);
  return unique(name, () => db.team.update({ where: { id: team.id }, data: { name } }));
}

/** Adds an existing user by email; people are created on the Users page first. */
export async function addMember(db: Db, teamId: string, email: string, role: TeamRole) {
  const team = await findTeam(db, teamId);
  // The holding team keeps unassigned instances away from everyone but admins.
  if (team.holdsAccountId)
    throw new DomainError(
      `${team.name} holds instances no team has been given yet; it takes no members. Assign its instances to a team instead.`,
      'email',
      'holding_team',
    );
  const address = email.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email: address }, select: { id: true, email: true, name: true } });
  if (!user)
    throw new DomainError(`No user has the email ${address}. Create the user on the Users page first.`, 'email');
  const already = () =>
    new DomainError(`${user.email} is already in ${team.name}. Change their role in the members table.`, 'email');
  if (await db.membership.findUnique({ where: { userId_teamId: { userId: user.id, teamId: team.id } } }))
    throw already();
  try {
    await db.membership.create({ data: { userId: user.id, teamId: team.id, role } });
  } catch (error) {
    // Its only unique key is (user, team): a second add that raced this one.
    if ((error as { code?: string } | null)?.code === 'P2002') throw already();
    throw error;
  }
  return { team, user, role };
}

async function findMembership(db: Db, teamId: string, userId: string) {
  const membership = await db.membership.findUnique({
    where: { userId_teamId: { userId, teamId } },
    include: { user: { select: { email: true } } },
  });
  if (!membership) throw new DomainError('That user is not a member of this team.');
  return membership;
}

export async function setMemberRole(db: Db, teamId: string, userId: string, role: TeamRole) {
  const membership = await findMembership(db, teamId, userId);
  await db.membership.update({ where: { userId_teamId: { userId, teamId } }, data: { role } });
  return { email: membership.user.email, from: membership.role, role };
}

/** Takes a user out of a team; what they made there stays with the team. */
export async function removeMember(db: Db, teamId: string, userId: string) {
  const membership = await findMembership(db, teamId, userId);
  await db.membership.delete({ where: { userId_teamId: { userId, teamId } } });
  return { email: membership.user.email };
}

/** What a team holds against its quotas, and how many of its instances break the backups policy. */
export async function teamUsage(db: Db, teamId: string) {
  const [images, instances, withoutBackups] = await Promise.all([
    countTeamImages(db, teamId),
    db.instance.count({ where: { teamId } }),
    db.instance.count({ where: { teamId, backupsEnabled: false } }),
  ]);
  return { images, instances, withoutBackups };
}

/**
 * Sets the team's quotas (null: no team limit; the account's image limit always holds). A quota
 * below what the team already has is allowed: nothing is deleted, new ones are refused.
 */
export async function setQuota(db: Db, teamId: string, quota: TeamQuota) {
  await findTeam(db, teamId);
  return db.team.update({
    where: { id: teamId },
    data: { maxImages: quota.maxImages, maxInstances: quota.maxInstances },
  });
}

export async function setBackupsRequired(db: Db, teamId: string, required: boolean) {
  await findTeam(db, teamId);
  const team = await db.team.update({ where: { id: teamId }, data: { backupsRequired: required } });
  return { team, withoutBackups: (await teamUsage(db, teamId)).withoutBackups };
}

/** The teams of a read scope (readableTeamIds: null is every team), by name: what a caller may pick from. */
export function teamsInScope(db: Db, scope: string[] | null) {
  return db.team.findMany({
    where: scope === null ? {} : { id: { in: scope } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  });
}
