import type { Db } from '@/lib/db/client';
import { teamImageQuota, teamInstanceQuota } from './quotas';

// Team policies and quotas as the overview shows them, within the teams a caller may read
// (scope null: every team).

const inScope = (scope: string[] | null) => (scope === null ? {} : { id: { in: scope } });

/** Instances of teams that require backups, with them off (the list's "required" filter too). */
export const requiredOffWhere = () => ({ backupsEnabled: false, team: { backupsRequired: true } });

/**
 * The teams in scope that require backups, read first (teams are few) so that the instance
 * queries below are an indexed range on (teamId, backupsEnabled) rather than a join per row.
 */
async function requiringTeams(db: Db, scope: string[] | null) {
  return db.team.findMany({ where: { backupsRequired: true, ...inScope(scope) }, select: { id: true, name: true } });
}

/** Instances of teams that require backups but have them off: how many, and the first few by label. */
export async function nonCompliance(db: Db, scope: string[] | null, take = 50) {
  const teams = await requiringTeams(db, scope);
  if (teams.length === 0) return { count: 0, instances: [] };
  const where = { teamId: { in: teams.map((t) => t.id) }, backupsEnabled: false };
  const [count, rows] = await Promise.all([
    db.instance.count({ where }),
    db.instance.findMany({
      where,
      select: { id: true, label: true, teamId: true },
      orderBy: [{ label: 'asc' }, { id: 'asc' }],
      take,
    }),
  ]);
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  return { count, instances: rows.map((r) => ({ id: r.id, label: r.label, team: teamName.get(r.teamId)! })) };
}

/** Teams with a quota set, with what they use of it. */
export async function teamQuotas(db: Db, scope: string[] | null) {
  const teams = await db.team.findMany({
    where: { ...inScope(scope), OR: [{ maxImages: { not: null } }, { maxInstances: { not: null } }] },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
  return Promise.all(
    teams.map(async (t) => ({
      id: t.id,
      name: t.name,
      images: await teamImageQuota(db, t.id),
      instances: await teamInstanceQuota(db, t.id),
    })),
  );
}
