import type { Db } from '@/lib/db/client';
import { COUNTED_IMAGE_STATUSES } from '@/lib/domain/images';
import { quotaRefusal, type TeamQuota } from '@/lib/domain/quotas';
import { DomainError } from '@/lib/domain/errors';

// Team quotas read from the database. Images count while creating or available, as the
// account's limit counts them; instances count whatever their status.

/** The team's images that count against its quota. */
export function countTeamImages(db: Db, teamId: string) {
  return db.image.count({ where: { teamId, status: { in: COUNTED_IMAGE_STATUSES } } });
}

export async function teamImageQuota(db: Db, teamId: string): Promise<TeamQuota> {
  const team = await db.team.findUniqueOrThrow({ where: { id: teamId }, select: { name: true, maxImages: true } });
  const used = await countTeamImages(db, teamId);
  return { teamName: team.name, used, max: team.maxImages };
}

export async function teamInstanceQuota(db: Db, teamId: string): Promise<TeamQuota> {
  const team = await db.team.findUniqueOrThrow({ where: { id: teamId }, select: { name: true, maxInstances: true } });
  return { teamName: team.name, used: await db.instance.count({ where: { teamId } }), max: team.maxInstances };
}

/** Refuses a new image or instance over the team's quota, on the given field. */
export async function assertQuota(db: Db, kind: 'images' | 'instances', teamId: string, field: string) {
  const quota = kind === 'images' ? await teamImageQuota(db, teamId) : await teamInstanceQuota(db, teamId);
  const refusal = quotaRefusal(kind, quota);
  if (refusal) throw new DomainError(refusal, field, 'quota');
}

/**
 * Two deploys at N-1 of N can both pass assertQuota before either instance exists. Counting
 * again once this one is in place catches that: over the quota, it is undone and refused
 * (when both race, both may be refused; the quota is never exceeded). Inside a transaction (an
 * action's) the other's new instance is not visible until it commits, so the count first touches
 * the team's row: on PostgreSQL the second waits there for the first to commit, then sees its row.
 */
export async function assertQuotaHeld(db: Db, teamId: string, undo: () => Promise<unknown>) {
  await db.team.update({ where: { id: teamId }, data: { maxInstances: { increment: 0 } } });
  const quota = await teamInstanceQuota(db, teamId);
  if (quota.max === null || quota.used <= quota.max) return;
  await undo();
  throw new DomainError(quotaRefusal('instances', { ...quota, used: quota.max })!, 'teamId', 'quota');
}
