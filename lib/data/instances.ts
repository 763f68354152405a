import 'server-only';
import { requireCaller } from '@/lib/auth/session';
import { can, readableTeamIds, type Caller } from '@/lib/auth/permissions';
import { readActiveInstanceJob } from './jobs';
import { catalogOrEmpty, planOf, regionOf, type AccountCatalog } from '@/lib/services/catalogs';
import { db, type Db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/sqlite/client';
import { describeUsage, measuredAgo, usedSourceText, type Usage } from '@/lib/domain/usage';
import { descriptorOf, traitsOf } from '@/lib/providers';
import { COUNTED_IMAGE_STATUSES, imageCountLabel, monthlyImageCost } from '@/lib/domain/images';
import { countImages } from '@/lib/services/images';
import { nonCompliance, teamQuotas } from '@/lib/services/policies';
import { backupSummary } from '@/lib/services/backup-summary';
import { quotaLabel } from '@/lib/domain/quotas';
import { countVisits, VISIT_EVENTS_READ, type VisitEvent } from '@/lib/domain/visits';
import type { BackupHealth } from '@/lib/domain/backups/overdue';
import { healthOfRow } from '@/lib/services/backup-facts';
import { firstBackupDue } from '@/lib/domain/backups/overdue';
import { resolveSchedule, type BackupSchedule } from '@/lib/domain/backups/schedule';
import type { InstanceListQuery } from '@/lib/schemas/instances';
import { busyInstanceIds, countInstances, getInstance, listInstances } from '@/lib/services/instances';
import { deletionSummary } from '@/lib/services/deletion';

// Page reads for instances: each checks the caller, scopes to their teams and returns only what
// the screens show (numbers, not BigInts; labels, not config objects).

export type InstanceRow = {
  id: string;
  label: string;
  status: string;
  region: string;
  plan: string;
  team: string;
  backupsEnabled: boolean;
  backupHealth: BackupHealth;
  /** For an instance waiting for its first backup: when that is due (ISO). */
  firstBackupDue: string | null;
  backupPrice: number | null;
  canWrite: boolean;
  // The job running on it, if any: the list follows it and refreshes when it ends.
  busyJobId: string | null;
  usage: Usage;
  usageBasis: 'used' | 'allocated';
  /** The provider's name, for what it does not report. */
  provider: string;
  /** How old the usage figure is ("measured 3 min ago", "not measured yet"). */
  measured: string;
};

/**
 * A disk's last stored figure and its age: pages show what the measuring operation
 * (lib/operations/measure-disks.ts) wrote, and never measure while they render. A provider
 * that reports allocation only has its sizes read in by the sync, which stamps measuredAt.
 */
function lastMeasure(kind: string, disk: { basis: string | null; measuredAt: Date } | undefined, now: Date) {
  const basis = traitsOf(kind).diskBasis;
  const at = disk && (disk.basis !== null || basis === 'allocated') ? disk.measuredAt : null;
  return { basis, measured: measuredAgo(at, now) };
}

/** When a waiting instance's first automatic backup is due, from its own schedule. */
function firstDueIso(i: { id: string; backupDay: string; backupWindow: string }, now: Date): string {
  return firstBackupDue(resolveSchedule({ day: i.backupDay, window: i.backupWindow } as BackupSchedule, i.id), now).toISOString();
}

export async function readInstanceList(query: InstanceListQuery) {
  const caller = await requireCaller();
  const database = db();
  const { rows, total, page, pageCount } = await listInstances(database, readableTeamIds(caller), query);
  const busy = await busyInstanceIds(database, rows.map((r) => r.id));
  const now = new Date();
  // One catalogue per account on the page (plans and regions are named per provider).
  const catalogs = new Map<string, Promise<AccountCatalog>>();
  const catalogOf = (account: (typeof rows)[number]['account']) => {
    if (!catalogs.has(account.id)) catalogs.set(account.id, catalogOrEmpty(account));
    return catalogs.get(account.id)!;
  };
  const items: InstanceRow[] = await Promise.all(
    rows.map(async (row) => {
      const last = lastMeasure(row.account.kind, row.disks[0], now);
      const catalog = await catalogOf(row.account);
      const health = healthOfRow(row, now);
      return {
        id: row.id,
        label: row.label,
        status: busy.has(row.id) && row.status === 'running' ? 'busy' : row.status,
        region: regionOf(catalog, row.region)?.label ?? row.region,
        plan: planOf(catalog, row.plan)?.label ?? row.plan,
        team: row.team.name,
        backupsEnabled: row.backupsEnabled,
        backupHealth: health,
        firstBackupDue: health === 'waiting' ? firstDueIso(row, now) : null,
        backupPrice: planOf(catalog, row.plan)?.backupPricePerMonth ?? null,
        canWrite: can(caller, 'write', row.teamId),
        busyJobId: busy.get(row.id) ?? null,
        usage: describeUsage(Number(row.primaryUsedBytes), Number(row.account.imageCeilingBytes)),
        usageBasis: last.basis,
        measured: last.measured,
        provider: descriptorOf(row.account.kind).label,
      };
    }),
  );
  return { items, total, page, pageCount, query: { ...query, page }, guide: guideFor(caller) };
}

/** Who is asking, for the words of an empty list: only admins connect provider accounts. */
export type InstanceGuide = 'admin' | 'member' | 'viewer' | 'no-team';
function guideFor(caller: Caller): InstanceGuide {
  if (caller.isAdmin) return 'admin';
  if (caller.memberships.length === 0) return 'no-team';
  return caller.memberships.some((m) => m.role === 'member') ? 'member' : 'viewer';
}

// The sign-in that made this session is in the audit log already; one visit so far means this
// is the user's first time here (a greeting of "Welcome back" would be wrong).
async function isFirstSignIn(userId: string): Promise<boolean> {
  const events = await db().auditEntry.findMany({
    where: { actorId: userId, result: 'success', action: { in: ['auth.signin', 'user.password-change'] } },
    orderBy: { at: 'asc' },
    select: { action: true },
    take: VISIT_EVENTS_READ,
  });
  return countVisits(events as VisitEvent[]) <= 1;
}

// Not exported (every export here is a page read the permission matrix calls). Images count only
// where the caller can see them: an image another team keeps is not this caller's to count.
async function deletionFacts(database: ReturnType<typeof db>, instanceId: string, scope: string[] | null) {
  const { disks, backups, snapshots } = await deletionSummary(database, instanceId);
  const images = await database.image.count({ where: { sourceInstanceId: instanceId, ...(scope === null ? {} : { teamId: { in: scope } }) } });
  return { disks, backups, snapshots, images };
}

export async function readInstanceDetail(id: string) {
  const caller = await requireCaller();
  const database = db();
  const instance = await getInstance(database, readableTeamIds(caller), id);
  if (!instance) return null;
  const ceiling = Number(instance.account.imageCeilingBytes);
  const now = new Date();
  const catalog = await catalogOrEmpty(instance.account);
  const plan = planOf(catalog, instance.plan);
  const activeJob = await readActiveInstanceJob(instance.id);
  return {
    id: instance.id,
    label: instance.label,
    // Busy is derived from the running job, so a worker that dies cannot leave it stuck.
    status: activeJob && instance.status === 'running' ? 'busy' : instance.status,
    activeJob,
    canWrite: can(caller, 'write', instance.teamId),
    // What deleting would take with it, for those who may delete it (members and admins).
    deletion: can(caller, 'write', instance.teamId) ? await deletionFacts(database, instance.id, readableTeamIds(caller)) : null,
    region: regionOf(catalog, instance.region)?.label ?? instance.region,
    // The provider's plan id stands in when its catalogue cannot be read just now.
    planId: instance.plan,
    plan: plan ? { label: plan.label, memoryMb: plan.memoryMb, pricePerMonth: plan.pricePerMonth, backupPricePerMonth: plan.backupPricePerMonth } : null,
    team: instance.team.name,
    teamId: instance.teamId,
    // Admins may move the instance to another team.
    teams: can(caller, 'admin') ? (await database.team.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } })) : null,
    account: { name: instance.account.name, kind: instance.account.kind, imageLimit: instance.account.imageLimit, ceilingBytes: ceiling },
    // The provider's own id and tags, for instances of a remote account.
    remote: instance.remoteId ? { id: instance.remoteId, tags: instance.tags.map((t) => t.tag) } : null,
    diskBasis: traitsOf(instance.account.kind).diskBasis,
    backupsEnabled: instance.backupsEnabled,
    createdAt: instance.createdAt.toISOString(),
    disks: instance.disks.map((disk) => {
      const usedBytes = Number(disk.usedBytes);
      const last = lastMeasure(instance.account.kind, disk, now);
      return {
        id: disk.id,
        label: disk.label,
        kind: disk.kind,
        sizeBytes: Number(disk.sizeBytes),
        usedBytes,
        basis: last.basis,
        measured: last.measured,
        source: usedSourceText(disk.measuredBy),
        // The ceiling is about manual images of the primary disk; swap disks are never captured.
        usage: describeUsage(usedBytes, ceiling),
      };
    }),
  };
}

/** How many rows of each overview list are shown; the rest are a count and a link. */
const SHOWN = 10;

const OVERVIEW_ACCOUNT = { id: true, name: true, kind: true, imageCeilingBytes: true, imageLimit: true, imagePricePerGbMonth: true } as const;
type OverviewAccount = Prisma.ProviderAccountGetPayload<{ select: typeof OVERVIEW_ACCOUNT }>;

/** Instances in scope over their own account's ceiling: how many, and the fullest ten of each account. */
async function overCeilingOf(database: Db, where: Prisma.InstanceWhereInput, accounts: OverviewAccount[]) {
  // Only measured usage can be over the ceiling: an allocation says nothing of the disk's data.
  const measured = accounts.filter((a) => traitsOf(a.kind).diskBasis === 'used');
  const overWhere = (a: OverviewAccount) => ({ ...where, accountId: a.id, primaryUsedBytes: { gt: a.imageCeilingBytes } });
  const perAccount = await Promise.all(
    measured.map(async (a) => {
      const [count, rows] = await Promise.all([
        database.instance.count({ where: overWhere(a) }),
        database.instance.findMany({
          where: overWhere(a),
          select: { id: true, label: true, primaryUsedBytes: true },
          orderBy: [{ primaryUsedBytes: 'desc' }, { id: 'desc' }],
          take: 10,
        }),
      ]);
      return { count, rows: rows.map((r) => ({ id: r.id, label: r.label, usage: describeUsage(Number(r.primaryUsedBytes), Number(a.imageCeilingBytes)) })) };
    }),
  );
  return { count: perAccount.reduce((sum, a) => sum + a.count, 0), rows: perAccount.flatMap((a) => a.rows) };
}

/** Images in scope, what they store and cost, each account's count against its limit, and running jobs. */
async function imageFiguresOf(database: Db, scope: string[] | null, accounts: OverviewAccount[]) {
  const inScope = scope === null ? {} : { teamId: { in: scope } };
  const jobWhere = { status: { in: ['queued', 'running'] }, ...inScope } satisfies Prisma.JobWhereInput;
  const [images, stored, jobsRunning, activeJobs, limits] = await Promise.all([
    database.image.count({ where: { ...inScope, status: { in: COUNTED_IMAGE_STATUSES } } }),
    database.image.groupBy({ by: ['accountId'], where: { ...inScope, status: 'available' }, _sum: { storedBytes: true } }),
    database.job.count({ where: jobWhere }),
    // The page follows these and refreshes its figures when one ends.
    database.job.findMany({ where: jobWhere, select: { id: true }, orderBy: { createdAt: 'desc' }, take: 20 }),
    Promise.all(accounts.map(async (a) => ({ name: a.name, count: await countImages(database, a.id), limit: a.imageLimit }))),
  ]);
  // Each account bills its images at its own price.
  const price = new Map(accounts.map((a) => [a.id, a.imagePricePerGbMonth]));
  return {
    images,
    // Each account has its own limit; with more than one, each count says whose it is.
    imageLimits: limits.map((l) => (limits.length > 1 ? `${l.name}: ` : '') + imageCountLabel(l.count, l.limit, scope !== null)),
    storedBytes: stored.reduce((sum, s) => sum + Number(s._sum.storedBytes ?? 0), 0),
    storedCost: stored.reduce((sum, s) => sum + monthlyImageCost(Number(s._sum.storedBytes ?? 0), price.get(s.accountId) ?? 0.1), 0),
    jobsRunning,
    activeJobIds: activeJobs.map((j) => j.id),
  };
}

// Every figure is a count, a sum or the first few rows over an index, and they are read at once
// (on PostgreSQL each on its own connection): nothing here grows with the number of instances.
export async function readOverview() {
  const caller = await requireCaller();
  const database = db();
  const scope = readableTeamIds(caller);
  const where = scope === null ? {} : { teamId: { in: scope } };
  const now = new Date();
  const accounts = await database.providerAccount.findMany({ orderBy: { name: 'asc' }, select: OVERVIEW_ACCOUNT });
  const [counts, overCeiling, imageFigures, summary, policy, quotas, firstSignIn] = await Promise.all([
    countInstances(database, scope),
    overCeilingOf(database, where, accounts),
    imageFiguresOf(database, scope, accounts),
    backupSummary(database, where, now, SHOWN),
    nonCompliance(database, scope),
    teamQuotas(database, scope),
    isFirstSignIn(caller.id),
  ]);
  return {
    ...counts,
    overCeilingCount: overCeiling.count,
    overCeiling: overCeiling.rows,
    // A provider that reports allocation only cannot say whether its disks fit: named, or null when none is here.
    unmeasuredBy: [...new Set(accounts.filter((a) => traitsOf(a.kind).diskBasis !== 'used').map((a) => descriptorOf(a.kind).label))].join(' and ') || null,
    ...imageFigures,
    backupProblems: summary.problems,
    backupProblemCount: summary.problemCount,
    // Never backed up yet, and not late: said as such, with when the first one is due.
    backupWaiting: summary.waiting.map((i) => ({ id: i.id, label: i.label, dueAt: firstDueIso(i, now) })),
    backupWaitingCount: summary.waitingCount,
    nonCompliant: policy.instances,
    nonCompliantCount: policy.count,
    quotas: quotas.map((q) => ({
      id: q.id,
      name: q.name,
      images: quotaLabel(q.images.used, q.images.max),
      instances: quotaLabel(q.instances.used, q.instances.max),
    })),
    caller: { name: caller.name, guide: guideFor(caller), firstSignIn },
  };
}
