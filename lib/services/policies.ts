import type { Db } from '@/lib/db/client';
import { teamImageQuota, teamInstanceQuota } from './quotas';

// Team policies and quotas as the overview shows them, within the teams a caller may read
// (scope null: every team).

const inScope = (scope: string[] | null) => (scope === null ? {} : { id: { in: scope } });

/** Instances of teams that require backups, with them off (the list's "required" filter too). */
export const requiredOffWhere = () => ({ backupsEnabled: false, team: { backupsRequired: true } });

/** Instances of teams that require backups but have them off. */
export async function nonCompliantInstances(db: Db, scope: string[] | null, take = 50) {
  const rows = await db.instance.findMany({
    where: { ...requiredOffWhere(), team: { backupsRequired: true, ...inScope(scope) } },
    select: { id: true, label: true, team: { select: { name: true } } },
    orderBy: { label: 'asc' },
    take,
  });
  return rows.map((r) => ({ id: r.id, label: r.label, team: r.team.name }));
}

/** How many instances of teams that require backups have them off. */
export function countNonCompliant(db: Db, scope: string[] | null) {
  return db.instance.count({ where: { ...requiredOffWhere(), team: { backupsRequired: true, ...inScope(scope) } } });
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
