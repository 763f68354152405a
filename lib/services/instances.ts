import { providerOf, type Db } from '@/lib/db/client';
import type { InstanceStatus } from '@/lib/db/enums';
import type { InstanceListQuery, InstanceSort } from '@/lib/schemas/instances';
import { DomainError } from '@/lib/domain/errors';
import { pageRead } from '@/lib/domain/paging';
import { assertQuota, assertQuotaHeld } from './quotas';
import { problemWhere, waitingWhere } from './backup-facts';
import { requiredOffWhere } from './policies';

// Instance reads (usage is measured by lib/operations/measure-disks.ts). Callers pass the team scope they are allowed to see
// (null = all teams); deciding that scope is the data layer's job, not this one's.

export type TeamScope = string[] | null;

const ORDER: Record<InstanceSort, string> = {
  label: 'label',
  status: 'status',
  region: 'region',
  plan: 'plan',
  usage: 'primaryUsedBytes',
  backups: 'backupsEnabled',
  created: 'createdAt',
};

function scopeWhere(scope: TeamScope) {
  return scope === null ? {} : { teamId: { in: scope } };
}

const HEALTH_WHERE = { problem: problemWhere, waiting: waitingWhere, required: requiredOffWhere } as const;

export async function listInstances(db: Db, scope: TeamScope, query: InstanceListQuery, now = new Date()) {
  // SQLite's LIKE already ignores ASCII case; PostgreSQL needs Prisma's insensitive mode.
  const labelFilter = query.q
    ? {
        label:
          providerOf(db) === 'postgres' ? { contains: query.q, mode: 'insensitive' as const } : { contains: query.q },
      }
    : {};
  const health = query.health ? HEALTH_WHERE[query.health](now) : {};
  const where = { AND: [scopeWhere(scope), labelFilter, health] };
  const total = await db.instance.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / query.size));
  const page = Math.min(query.page, pageCount);
  // The id tie-breaker keeps pages stable when many rows share a sort value; it runs the same
  // way as the sort, so one index (column, id) serves both directions and the reversed read.
  const read = pageRead(page, query.size, total);
  const dir = read.reversed ? (query.dir === 'asc' ? 'desc' : 'asc') : query.dir;
  const found = await db.instance.findMany({
    where,
    orderBy: [{ [ORDER[query.sort]]: dir }, { id: dir }],
    skip: read.skip,
    take: read.take,
    select: {
      id: true,
      label: true,
      status: true,
      region: true,
      plan: true,
      backupsEnabled: true,
      backupsEnabledAt: true,
      lastBackupAt: true,
      lastBackupFailed: true,
      backupDay: true,
      backupWindow: true,
      teamId: true,
      primaryUsedBytes: true,
      team: { select: { name: true } },
      account: { select: { id: true, kind: true, imageCeilingBytes: true, apiTokenEncrypted: true, apiBaseUrl: true } },
      disks: { where: { kind: 'primary' }, select: { id: true, basis: true, measuredAt: true } },
    },
  });
  const rows = read.reversed ? found.reverse() : found;
  return { rows, total, page, pageCount };
}

// Every status said to be running or not, so that a new status is decided here.
const IS_RUNNING: Record<InstanceStatus, boolean> = {
  provisioning: false,
  running: true,
  offline: false,
  busy: false,
  restoring: false,
};
const NOT_RUNNING = (Object.keys(IS_RUNNING) as InstanceStatus[]).filter((s) => !IS_RUNNING[s]);

/**
 * The overview's instance counts, each an indexed count. Running is the total less those not
 * running: nearly every instance runs, so counting the few that do not walks a short stretch of
 * the status index instead of nearly all of it.
 */
export async function countInstances(db: Db, scope: TeamScope) {
  const where = scopeWhere(scope);
  const [total, notRunning, backupsOn] = await Promise.all([
    db.instance.count({ where }),
    db.instance.count({ where: { ...where, status: { in: NOT_RUNNING } } }),
    db.instance.count({ where: { ...where, backupsEnabled: true } }),
  ]);
  return { total, running: total - notRunning, backupsOn };
}

export async function getInstance(db: Db, scope: TeamScope, id: string) {
  return db.instance.findFirst({
    where: { id, ...scopeWhere(scope) },
    include: {
      team: { select: { id: true, name: true } },
      tags: { select: { tag: true }, orderBy: { tag: 'asc' } },
      account: {
        select: {
          id: true,
          name: true,
          kind: true,
          imageCeilingBytes: true,
          imageLimit: true,
          apiTokenEncrypted: true,
          apiBaseUrl: true,
        },
      },
      disks: { orderBy: [{ kind: 'asc' }, { label: 'asc' }] },
    },
  });
}

/** Instances among these with a disk operation queued or running. */
/** The queued or running job of each busy instance among these: instance id -> job id. */
export async function busyInstanceIds(db: Db, ids: string[]): Promise<Map<string, string>> {
  const jobs = await db.job.findMany({
    where: { instanceId: { in: ids }, status: { in: ['queued', 'running'] } },
    select: { id: true, instanceId: true },
  });
  return new Map(jobs.map((j) => [j.instanceId!, j.id]));
}

/**
 * Moves an instance to another team, its backups and running jobs with it (they are the
 * instance's); images stay with the team that captured them. The new team's quota holds.
 */
export async function assignInstance(db: Db, instanceId: string, teamId: string) {
  const team = await db.team.findUnique({ where: { id: teamId } });
  if (!team) throw new DomainError('Choose one of the teams offered.', 'teamId');
  const instance = await db.instance.findUniqueOrThrow({ where: { id: instanceId } });
  if (instance.teamId === teamId) return { instance, team };
  await assertQuota(db, 'instances', teamId, 'teamId');
  await db.$transaction([
    db.instance.update({ where: { id: instanceId }, data: { teamId } }),
    db.backup.updateMany({ where: { instanceId }, data: { teamId } }),
    db.job.updateMany({ where: { instanceId, status: { in: ['queued', 'running'] } }, data: { teamId } }),
  ]);
  await assertQuotaHeld(db, teamId, () => assignInstance(db, instanceId, instance.teamId));
  return { instance, team };
}

/**
 * Gives every instance of the account that carries the tag to the team; with `remember`, also
 * those that appear with it later (a tag rule the sync applies). Returns the labels moved.
 */
export async function assignByTag(
  db: Db,
  accountId: string,
  tag: string,
  teamId: string,
  options: { remember?: boolean } = {},
) {
  const team = await db.team.findUnique({ where: { id: teamId } });
  if (!team || team.holdsAccountId) throw new DomainError('Choose one of the teams offered.', 'teamId');
  const tagged = await db.instance.findMany({
    where: { accountId, tags: { some: { tag } } },
    orderBy: { label: 'asc' },
  });
  if (tagged.length === 0 && !options.remember)
    throw new DomainError(`No instance of this account has the tag "${tag}".`, 'tag', 'no_match');
  const moved: string[] = [];
  // The labels that left each team, for that team's own audit entry.
  const movedFrom = new Map<string, string[]>();
  for (const instance of tagged) {
    if (instance.teamId === teamId) continue;
    await assignInstance(db, instance.id, teamId);
    moved.push(instance.label);
    movedFrom.set(instance.teamId, [...(movedFrom.get(instance.teamId) ?? []), instance.label]);
  }
  if (options.remember) {
    await db.tagRule.upsert({
      where: { accountId_tag: { accountId, tag } },
      update: { teamId },
      create: { accountId, tag, teamId },
    });
  }
  return { moved, matched: tagged.length, team, movedFrom };
}

/** The team a newly read instance goes to: the first of the account's tag rules it matches whose team has room. */
export async function teamByTagRules(db: Db, accountId: string, tags: string[]): Promise<string | null> {
  const rules = await db.tagRule.findMany({ where: { accountId, tag: { in: tags } }, orderBy: { createdAt: 'asc' } });
  for (const rule of rules) {
    try {
      await assertQuota(db, 'instances', rule.teamId, 'teamId');
      return rule.teamId;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error; // a full team: try the next rule, else unassigned
    }
  }
  return null;
}
