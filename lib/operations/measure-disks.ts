import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import type { DbOrTx } from '@/lib/jobs';
import { kindsWhere, providerFor, traitsOf, type ProviderAccountRef } from '@/lib/providers';
import { diskRef } from '@/lib/providers/refs';
import type { DiskMeasure } from '@/lib/providers/types';
import { defineOperation } from './define';

// Disk usage is measured here and nowhere else: by the scheduler every few minutes (a batch of
// the instances whose figures are due), after every job that rebuilt a disk, and once by the demo
// seed. Pages show the last figure and its age; a page read never measures (nor writes).

/** A disk's figure older than this is measured again on the next scheduler tick. */
const MEASURE_EVERY_MS = 5 * 60_000;
/** Instances measured per job, and at once within it (each measure is a stat of a sparse file). */
const BATCH = 200;
const AT_ONCE = 4;

type Instance = { id: string; region: string; remoteId?: string | null; account: ProviderAccountRef };
type Disk = { id: string; kind: string; remoteId?: string | null };

/**
 * Measures the disks of one instance on its provider and stores each figure with its time (the
 * primary's also on the instance, for the list's usage sort). A disk that cannot be measured
 * keeps its last figure. A provider that reports allocation only is left to the sync.
 */
export async function measureDisks(db: Db, instance: Instance, disks: Disk[]) {
  const result = new Map<string, DiskMeasure>();
  if (traitsOf(instance.account.kind).diskBasis === 'allocated') return result;
  const provider = providerFor(instance.account);
  await Promise.all(
    disks.map(async (disk) => {
      const m = await provider.measureDisk(diskRef(instance, disk)).catch(() => null);
      if (!m) return;
      result.set(disk.id, m);
      const usedBytes = BigInt(m.usedBytes);
      await db.disk.update({
        where: { id: disk.id },
        data: { usedBytes, basis: m.basis, measuredBy: m.measuredBy ?? null, measuredAt: new Date() },
      });
      if (disk.kind === 'primary')
        await db.instance.update({ where: { id: instance.id }, data: { primaryUsedBytes: usedBytes } });
    }),
  );
  return result;
}

/** Measures every disk of the instance (after a job changed them). */
export async function measureInstance(db: Db, instanceId: string) {
  const instance = await db.instance.findUnique({ where: { id: instanceId }, include: { account: true, disks: true } });
  if (instance) await measureDisks(db, instance, instance.disks);
}

const measurable = () => ({
  status: { not: 'provisioning' as const },
  account: { kind: { in: kindsWhere((t) => t.diskBasis === 'used') } },
});
const dueDisk = (now: Date) => ({
  OR: [{ basis: null }, { measuredAt: { lte: new Date(now.getTime() - MEASURE_EVERY_MS) } }],
});

/** Measures the instances whose disks are due (a batch; the next tick queues the rest); returns how many. */
export async function measureDueDisks(db: Db, now = new Date(), limit = BATCH): Promise<number> {
  const due = await db.instance.findMany({
    where: { ...measurable(), disks: { some: dueDisk(now) } },
    include: { account: true, disks: true },
    orderBy: { id: 'asc' },
    take: limit,
  });
  for (let i = 0; i < due.length; i += AT_ONCE)
    await Promise.all(due.slice(i, i + AT_ONCE).map((instance) => measureDisks(db, instance, instance.disks)));
  return due.length;
}

export const diskMeasure = defineOperation({
  kind: 'disks.measure',
  input: z.object({}),
  label: 'Measure disk usage',
  // Every few minutes, for every instance: not something to read about in the audit log.
  audited: false,
  async run({ db, log }) {
    const measured = await measureDueDisks(db);
    log(`Measured the disks of ${measured} instance(s)`);
    return { measured };
  },
});

/**
 * Queues a measurement when some disk's figure is due; one at a time, and none while the last one
 * is less than the interval old: a disk that cannot be measured (its file is gone) keeps its old
 * figure and stays due, and must not bring a new job on every tick.
 */
export async function queueDueMeasure(db: DbOrTx, now: Date): Promise<boolean> {
  const client = db as Db;
  const last = await client.job.findFirst({
    where: { kind: diskMeasure.kind, status: { not: 'cancelled' } },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  });
  if (last && now.getTime() - last.createdAt.getTime() < MEASURE_EVERY_MS) return false;
  const due = await client.disk.count({ where: { ...dueDisk(now), instance: measurable() } });
  if (due === 0) return false;
  return (await diskMeasure.enqueueOnce(db, { input: {}, lockKey: 'disks.measure', maxAttempts: 1 })) !== null;
}
