import { signInFailureCounts, type SignInFailureReason } from '@/lib/auth/signin-failures';
import { scopeRegion, storeScopes } from '@/lib/config/store-env';
import type { Db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/sqlite/client';
import { OVERDUE_AFTER_MS } from '@/lib/domain/backups/overdue';
import { kindsWhere } from '@/lib/providers';
import type { TallyRow } from './tally';

// What /metrics reports, read from the database at each scrape with counts and sums only: no
// query returns a row per instance, job or backup (but the few overdue instances named one by
// one, at most OVERDUE_NAMED of them), so the answer's size does not grow with the instances;
// the counts still scan (about 1 s at 100,000 instances on PostgreSQL). The web servers and workers share the database, so any one web server's
// answer is the whole installation's.

/** How far back an instance's newest successful backup is counted, in seconds: 1, 2, 7 and 14 days. */
export const BACKUP_AGE_THRESHOLDS = [86_400, 172_800, 604_800, 1_209_600] as const;

/**
 * Overdue instances named one by one (with their backup's age), the longest-enabled first. A
 * series per instance for all of them would be a hundred thousand series per scrape on a large
 * installation; the overdue ones are those someone must look at, and the count of them is
 * always complete.
 */
export const OVERDUE_NAMED = 100;

export type MetricFacts = {
  activeJobs: { kind: string; status: string; count: number }[];
  tally: TallyRow[];
  backupsEnabled: number;
  /** Backup-enabled instances whose newest successful backup is older than each threshold (or that have none). */
  backupOlderThan: { seconds: number; count: number }[];
  overdue: number;
  overdueNamed: { id: string; label: string; seconds: number }[];
  failedRecently: number;
  stores: { store: string; copies: number; dataBytes: number; storedBytes: number }[];
  signInFailures: { reason: SignInFailureReason; count: number }[];
};

const successSince = (since: Date) => ({ status: 'successful' as const, takenAt: { gte: since } });

export async function readMetricFacts(db: Db, now: Date): Promise<MetricFacts> {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const cutoff = ago(OVERDUE_AFTER_MS);
  // isOverdue (lib/domain/backups/overdue.ts) as a query: enabled, enabled more than 26 hours
  // ago, and no successful backup within them.
  const overdueWhere = {
    backupsEnabled: true,
    OR: [{ backupsEnabledAt: null }, { backupsEnabledAt: { lt: cutoff } }],
    backups: { none: successSince(cutoff) },
  } satisfies Prisma.InstanceWhereInput;
  const [activeJobs, tally, backupsEnabled, backupOlderThan, overdue, overdueRows, failedRecently, stores, signIns] =
    await Promise.all([
      db.job.groupBy({
        by: ['kind', 'status'],
        where: { status: { in: ['queued', 'running'] } },
        _count: { _all: true },
      }),
      db.jobTally.findMany(),
      db.instance.count({ where: { backupsEnabled: true } }),
      Promise.all(
        BACKUP_AGE_THRESHOLDS.map(async (seconds) => ({
          seconds,
          count: await db.instance.count({
            where: { backupsEnabled: true, backups: { none: successSince(ago(seconds * 1000)) } },
          }),
        })),
      ),
      db.instance.count({ where: overdueWhere }),
      db.instance.findMany({
        where: overdueWhere,
        select: { id: true, label: true, backupsEnabledAt: true, createdAt: true },
        orderBy: [{ backupsEnabledAt: 'asc' }, { id: 'asc' }],
        take: OVERDUE_NAMED,
      }),
      db.instance.count({
        where: { backupsEnabled: true, backups: { some: { status: 'failed', updatedAt: { gte: cutoff } } } },
      }),
      storeFacts(db),
      signInFailureCounts(db),
    ]);
  const newest = await db.backup.groupBy({
    by: ['instanceId'],
    where: { instanceId: { in: overdueRows.map((r) => r.id) }, status: 'successful' },
    _max: { takenAt: true },
  });
  const lastSuccess = new Map(newest.map((n) => [n.instanceId, n._max.takenAt]));
  return {
    activeJobs: activeJobs.map((j) => ({ kind: j.kind, status: j.status, count: j._count._all })),
    tally,
    backupsEnabled,
    backupOlderThan,
    overdue,
    // Since the newest successful backup; for an instance that has none, since backups were enabled.
    overdueNamed: overdueRows.map((r) => {
      const since = lastSuccess.get(r.id) ?? r.backupsEnabledAt ?? r.createdAt;
      return { id: r.id, label: r.label, seconds: Math.max(0, (now.getTime() - since.getTime()) / 1000) };
    }),
    failedRecently,
    stores,
    signInFailures: signIns,
  };
}

/**
 * Each chunk store's copies and sizes from the image and backup rows, as the Storage page counts
 * copies (lib/services/stores.ts), never by listing the store: copies that are complete there,
 * their data, and what they added to the store when written (after deduplication and
 * compression, so close to what the store holds).
 */
async function storeFacts(db: Db): Promise<MetricFacts['stores']> {
  const local = { in: kindsWhere((t) => t.storesCopies) };
  const [images, backups] = await Promise.all([
    db.image.aggregate({
      where: { status: 'available', account: { kind: local } },
      _count: { _all: true },
      _sum: { dataBytes: true, newBytes: true },
    }),
    db.backup.groupBy({
      by: ['region'],
      where: { status: 'successful', instance: { account: { kind: local } } },
      _count: { _all: true },
      _sum: { dataBytes: true, newBytes: true },
    }),
  ]);
  const byRegion = new Map(backups.map((b) => [b.region, b]));
  return storeScopes().map((store) => {
    const region = scopeRegion(store);
    const row = region === null ? images : byRegion.get(region);
    return {
      store,
      copies: row?._count._all ?? 0,
      dataBytes: Number(row?._sum.dataBytes ?? 0),
      storedBytes: Number(row?._sum.newBytes ?? 0),
    };
  });
}
