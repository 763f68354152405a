// Seeds a bench database straight through the client, with no disk files: the demo's account,
// teams and users (so the usual demo sign-ins work), then `count` instances with one measured
// primary disk each; a third have backups on (most with three recent backups, some failed,
// overdue or still waiting), and every 17th is over the 6 GiB ceiling. (VACUUM) ANALYZE at the end, so
// the planners see the real row counts.
// One exception to "no disk files": the instance page measures its primary disk while it renders
// (the capture preflight of lib/data/images.ts), so the one instance the bench opens gets a
// blank sparse disk file under DATA_DIR (which the caller points at the server's data folder).
import { catalog } from '@/lib/config/catalog';
import { createDb, providerOf, type Db } from '@/lib/db/client';
import { createId } from '@/lib/db/ids';
import type { Prisma } from '@/lib/generated/sqlite/client';
import { providerFor } from '@/lib/providers';
import { createDemoUsers, ensureLocalAccount } from '@/lib/seed/demo';

const CHUNK = 1_000;
const GIB = 1024 ** 3;
const DAY = 86_400_000;
const PREFIXES = ['web', 'api', 'db', 'cache', 'worker'];
// The newest instance is this old and each older one a minute more. Without it, 1,000 instances
// would all be under 17 hours old: none overdue yet (that takes 26 hours from enabling), so the
// member's list of overdue or failing instances would be empty at 1,000 and full from 10,000 on,
// and the overview's size would differ for a reason that has nothing to do with the count.
const NEWEST_AGE = 3 * DAY;

export type Seeded = {
  count: number;
  // Instances each signed-in user sees (the member's team holds every other one).
  visible: { admin: number; member: number };
  // A member-visible instance with backups on, for the instance page.
  sampleInstanceId: string;
  seconds: number;
};

async function seedPeople(db: Db) {
  const account = await ensureLocalAccount(db);
  const platform = await db.team.create({ data: { name: 'Platform', backupsRequired: true } });
  const web = await db.team.create({ data: { name: 'Web' } });
  await createDemoUsers(
    db,
    new Map([
      ['Platform', platform.id],
      ['Web', web.id],
    ]),
  );
  return { account, accountId: account.id, teamIds: [platform.id, web.id] };
}

function backupsOf(i: number, base: Prisma.BackupCreateManyInput, now: number): Prisma.BackupCreateManyInput[] {
  const at = (days: number) => new Date(now - days * DAY);
  const row = (
    slot: 'daily' | 'weekly' | 'biweekly',
    days: number,
    status: 'successful' | 'failed' = 'successful',
  ) => ({
    ...base,
    id: createId(),
    slot: status === 'failed' ? null : slot,
    status,
    failureReason: status === 'failed' ? 'The disk could not be read.' : null,
    windowStart: at(days),
    takenAt: status === 'failed' ? null : at(days),
    createdAt: at(days),
    sizeBytes: base.sizeBytes,
    dataBytes: BigInt(Math.round(Number(base.dataBytes) * 0.9)),
    storedBytes: BigInt(Math.round(Number(base.dataBytes) * 0.4)),
  });
  switch (Math.floor(i / 3) % 10) {
    case 1:
      return [row('daily', 1, 'failed')];
    case 2:
      return [row('daily', 20)]; // overdue
    case 3:
      return []; // waiting for a first backup
    default:
      return [row('daily', 1), row('weekly', 5), row('biweekly', 12)];
  }
}

// The health columns lib/services/backup-facts.ts keeps on the instance, as its backups leave
// them (rows come newest first); one with none was enabled an hour ago: waiting, not overdue.
function backupFacts(rows: Prisma.BackupCreateManyInput[], now: number): Partial<Prisma.InstanceCreateManyInput> {
  if (rows.length === 0) return { backupsEnabledAt: new Date(now - 3_600_000) };
  const taken = rows.filter((r) => r.status === 'successful').map((r) => new Date(r.takenAt!).getTime());
  return {
    lastBackupAt: taken.length ? new Date(Math.max(...taken)) : null,
    lastBackupFailed: rows[0].status === 'failed',
  };
}

export async function seedBench(url: string, count: number, log: (line: string) => void): Promise<Seeded> {
  const started = performance.now();
  const db = createDb(url);
  try {
    const { account, accountId, teamIds } = await seedPeople(db);
    const { plans, regions } = catalog();
    const now = Date.now();
    let sample: { id: string; region: string; diskId: string; sizeBytes: number } | null = null;
    for (let start = 0; start < count; start += CHUNK) {
      const instances: Prisma.InstanceCreateManyInput[] = [];
      const disks: Prisma.DiskCreateManyInput[] = [];
      const backups: Prisma.BackupCreateManyInput[] = [];
      for (let i = start; i < Math.min(count, start + CHUNK); i += 1) {
        const id = createId();
        const diskId = createId();
        const teamId = teamIds[i % 2];
        const region = regions[Math.floor(i / 2) % regions.length].id;
        const plan = plans[Math.floor(i / 3) % plans.length];
        const used =
          i % 17 === 0 ? Math.round(6.3 * GIB) : Math.round(((i * 7919) % 5800) * 0.001 * GIB) + 100 * 2 ** 20;
        const createdAt = new Date(now - NEWEST_AGE - (count - i) * 60_000);
        const backupsEnabled = i % 3 === 0;
        const instance: Prisma.InstanceCreateManyInput = {
          id,
          accountId,
          teamId,
          label: `${PREFIXES[i % PREFIXES.length]}-${i + 1}`,
          region,
          plan: plan.id,
          status: i % 13 === 0 ? 'offline' : 'running',
          backupsEnabled,
          backupsEnabledAt: backupsEnabled ? createdAt : null,
          primaryUsedBytes: BigInt(used),
          createdAt,
        };
        instances.push(instance);
        disks.push({
          id: diskId,
          instanceId: id,
          label: 'disk',
          kind: 'primary',
          sizeBytes: BigInt(plan.diskBytes),
          usedBytes: BigInt(used),
          basis: 'used',
          measuredBy: 'filesystem',
          measuredAt: new Date(now),
          createdAt,
        });
        if (backupsEnabled) {
          const base = { instanceId: id, teamId, region, kind: 'automatic' as const, diskId, label: '' };
          const rows = backupsOf(i, { ...base, sizeBytes: BigInt(plan.diskBytes), dataBytes: BigInt(used) }, now);
          backups.push(...rows);
          Object.assign(instance, backupFacts(rows, now));
          if (!sample && teamId === teamIds[0] && Math.floor(i / 3) % 10 > 3)
            sample = { id, region, diskId, sizeBytes: plan.diskBytes };
        }
      }
      await db.instance.createMany({ data: instances });
      await db.disk.createMany({ data: disks });
      if (backups.length) await db.backup.createMany({ data: backups });
      const done = Math.min(count, start + CHUNK);
      if (done % 10_000 === 0 || done === count)
        log(`  seeded ${done.toLocaleString('en')} of ${count.toLocaleString('en')}`);
    }
    // The planners' statistics; on PostgreSQL also the visibility map a settled table has (as
    // autovacuum leaves it), without which a count reads every row's page and autovacuum would
    // start in the middle of the timings. Then the bulk load's writes go to disk now (PostgreSQL's
    // checkpoint, SQLite's WAL folded into the file) rather than during the timings, as a settled
    // database has them. (In one run at 100,000 on PostgreSQL the p50s doubled halfway through the
    // admin's pages, minutes after the load, which is when a timed checkpoint writes it out.)
    const postgres = providerOf(db) === 'postgres';
    await db.$executeRawUnsafe(postgres ? 'VACUUM ANALYZE' : 'ANALYZE');
    if (postgres) await db.$executeRawUnsafe('CHECKPOINT');
    else await db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
    if (!sample) throw new Error(`too few instances (${count}) for one with backups in the member's team`);
    await providerFor(account).createDisks(
      sample.id,
      sample.region,
      [{ id: sample.diskId, label: 'disk', kind: 'primary', sizeBytes: sample.sizeBytes }],
      { blank: true },
    );
    return {
      count,
      visible: { admin: count, member: await db.instance.count({ where: { teamId: teamIds[0] } }) },
      sampleInstanceId: sample.id,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await db.$disconnect();
  }
}
