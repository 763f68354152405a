import { scopeLabel, scopeRegion, storeScopes } from '@/lib/config/stores';
import type { Db } from '@/lib/db/client';
import type { BackupSlot } from '@/lib/db/enums';
import { freeLabel, replaySlots } from '@/lib/domain/backups/recovered-slots';
import { resolveSchedule } from '@/lib/domain/backups/schedule';
import { readStoreRecord, type StoreRecord } from '@/lib/domain/store-record';
import type { Orphan, RebuildReport } from '@/lib/domain/store-reports';
import { findPlan } from '@/lib/config/catalog';
import { openScopeStore } from '@/lib/providers/stores';
import { hostAccount, providerFor, traitsOf } from '@/lib/providers';
import type { NewDisk } from '@/lib/providers/types';
import { listManifestIds, readManifest, type Manifest, type OpenedStore } from '@/lib/storage';
import { refreshBackupFacts } from './backup-facts';

// Disaster recovery: the stores describe themselves, so the database's image and
// backup rows are an index that can be rebuilt. rebuildFromStores reads every manifest of every
// store and recreates the rows the database lacks, with the team, the host's account and, for a
// backup, the instance it was taken of (recreated offline, with blank disks unless its disk files
// are still on this host, when they are found again). What it cannot place is listed as an
// orphan with the reason and left in the store, untouched.

type Found = { manifest: Manifest; record: StoreRecord };

async function readAll(
  store: OpenedStore,
  kind: StoreRecord['kind'],
  known: Set<string>,
  report: RebuildReport,
): Promise<Found[]> {
  const found: Found[] = [];
  const ids = await listManifestIds(store);
  report.manifests = ids.length;
  for (const id of ids) {
    if (known.has(id)) {
      report.alreadyKnown++;
      continue;
    }
    let manifest: Manifest;
    try {
      manifest = await readManifest(store, id);
    } catch (error) {
      report.orphans.push({ id, why: `its manifest cannot be read: ${(error as Error).message}` });
      continue;
    }
    const read = readStoreRecord(manifest.about);
    if ('problem' in read) report.orphans.push({ id, why: read.problem });
    else if (read.record.kind !== kind || read.record.id !== id)
      report.orphans.push({
        id,
        why: `it describes a ${read.record.kind} ${read.record.id}, not a ${kind} of this store`,
      });
    else found.push({ manifest, record: read.record });
  }
  return found;
}

/** The recorded team by id, else one of the same name, else recreated with its id and name. */
async function teamFor(db: Db, team: StoreRecord['team'], report: RebuildReport): Promise<string> {
  const existing =
    (await db.team.findUnique({ where: { id: team.id } })) ??
    (await db.team.findUnique({ where: { name: team.name } }));
  if (existing) return existing.id;
  report.recovered.teams++;
  return (await db.team.create({ data: { id: team.id, name: team.name } })).id;
}

/** The account the store belongs to: the recorded one if it is here (and keeps its copies there), else this host's. */
async function localAccountFor(db: Db, account: StoreRecord['account']): Promise<{ id: string; kind: string }> {
  const recorded = await db.providerAccount.findUnique({ where: { id: account.id }, select: { id: true, kind: true } });
  if (recorded && traitsOf(recorded.kind).storesCopies) return recorded;
  const host = hostAccount();
  return db.providerAccount.upsert({
    where: { name: host.name },
    update: {},
    create: host,
    select: { id: true, kind: true },
  });
}

async function rebuildImages(db: Db, report: RebuildReport): Promise<void> {
  const store = await openScopeStore('images');
  report.location = store.location;
  const known = new Set((await db.image.findMany({ select: { id: true } })).map((i) => i.id));
  for (const { manifest, record } of await readAll(store, 'image', known, report)) {
    const teamId = await teamFor(db, record.team, report);
    const accountId = (await localAccountFor(db, record.account)).id;
    await db.image.create({
      data: {
        id: record.id,
        accountId,
        teamId,
        label: record.label,
        description: record.description,
        status: 'available',
        // An uploaded image came from no instance: its record's ids are empty.
        sourceInstanceId: record.instance.id || null,
        sourceInstanceLabel: record.instance.label,
        sourceDiskId: record.disk.id || null,
        sourceDiskLabel: record.disk.label,
        region: record.instance.region,
        ...sizes(manifest),
        createdById: record.createdBy.id,
        createdByName: record.createdBy.name,
        createdAt: new Date(manifest.createdAt),
      },
    });
    report.recovered.images++;
  }
}

const sizes = (m: Manifest) => ({
  sizeBytes: BigInt(m.sizeBytes),
  dataBytes: BigInt(m.dataBytes),
  storedBytes: BigInt(m.storedBytes),
  newBytes: BigInt(m.newBytes),
  digest: m.digest,
});

/** The instance a backup was taken of: as it is, or recreated offline from the record. */
async function instanceFor(
  db: Db,
  record: StoreRecord,
  manifest: Manifest,
  report: RebuildReport,
): Promise<string | Orphan> {
  const existing = await db.instance.findUnique({ where: { id: record.instance.id } });
  if (existing) return existing.id;
  const plan = findPlan(record.instance.plan);
  if (!plan)
    return { id: record.id, why: `its instance's plan ${record.instance.plan} is not in this host's catalogue` };
  const teamId = await teamFor(db, record.team, report);
  const account = await localAccountFor(db, record.account);
  const accountId = account.id;
  const labels = new Set(
    (await db.instance.findMany({ where: { accountId }, select: { label: true } })).map((i) => i.label),
  );
  const region = record.instance.region;
  const disks: NewDisk[] = [
    {
      id: record.disk.id,
      label: record.disk.label,
      kind: 'primary' as const,
      sizeBytes: Math.max(plan.diskBytes, manifest.sizeBytes),
    },
    { id: `${record.disk.id}-swap`, label: 'swap', kind: 'swap' as const, sizeBytes: plan.swapBytes },
  ];
  // Disk files still on this host (only the database was lost) are kept as they are.
  await providerFor(account).createDisks(record.instance.id, region, disks, { keepExisting: true });
  await db.instance.create({
    data: {
      id: record.instance.id,
      accountId,
      teamId,
      label: freeLabel(record.instance.label, labels),
      region,
      plan: record.instance.plan,
      status: 'offline',
      disks: { create: disks.map((d) => ({ ...d, sizeBytes: BigInt(d.sizeBytes) })) },
    },
  });
  report.recovered.instances++;
  return record.instance.id;
}

async function rebuildBackups(db: Db, region: string, report: RebuildReport): Promise<void> {
  const store = await openScopeStore(`backups:${region}`);
  report.location = store.location;
  const known = new Set((await db.backup.findMany({ where: { region }, select: { id: true } })).map((b) => b.id));
  const placed: (Found & { instanceId: string })[] = [];
  for (const found of await readAll(store, 'backup', known, report)) {
    if (found.record.instance.region !== region) {
      report.orphans.push({
        id: found.record.id,
        why: `it is a backup of an instance in ${found.record.instance.region}, found in the ${region} store`,
      });
      continue;
    }
    const instanceId = await instanceFor(db, found.record, found.manifest, report);
    if (typeof instanceId !== 'string') report.orphans.push(instanceId);
    else placed.push({ ...found, instanceId });
  }
  const byInstance = new Map<string, Found[]>();
  for (const p of placed) byInstance.set(p.instanceId, [...(byInstance.get(p.instanceId) ?? []), p]);
  for (const [instanceId, backups] of byInstance) {
    const instance = await db.instance.findUniqueOrThrow({ where: { id: instanceId } });
    const slots = slotsOf(instance, backups, report);
    for (const { manifest, record } of backups) {
      if (!slots.has(record.id)) continue;
      await db.backup.create({
        data: {
          id: record.id,
          instanceId,
          teamId: instance.teamId,
          region,
          kind: record.backup?.kind ?? 'automatic',
          slot: slots.get(record.id),
          label: record.label,
          status: 'successful',
          diskId: record.disk.id,
          ...sizes(manifest),
          windowStart: record.backup?.windowStart ? new Date(record.backup.windowStart) : null,
          takenAt: new Date(manifest.createdAt),
          createdById: record.createdBy.id,
          createdByName: record.createdBy.name,
          createdAt: new Date(manifest.createdAt),
        },
      });
      report.recovered.backups++;
    }
    await refreshBackupFacts(db, instanceId);
  }
}

/** Slots for an instance's recovered backups (newest snapshot; automatic ones by replay). */
function slotsOf(
  instance: { id: string; backupDay: string; backupWindow: string },
  backups: Found[],
  report: RebuildReport,
): Map<string, BackupSlot> {
  const slots = new Map<string, BackupSlot>();
  const when = (f: Found) => new Date(f.manifest.createdAt);
  const snapshots = backups
    .filter((b) => b.record.backup?.kind === 'snapshot')
    .sort((a, b) => when(b).getTime() - when(a).getTime());
  if (snapshots[0]) slots.set(snapshots[0].record.id, 'snapshot');
  for (const older of snapshots.slice(1))
    report.orphans.push({
      id: older.record.id,
      why: 'a newer snapshot of the same instance was found; an instance keeps one',
    });
  const automatic = backups.filter((b) => b.record.backup?.kind !== 'snapshot');
  const schedule = resolveSchedule(
    { day: instance.backupDay, window: instance.backupWindow } as Parameters<typeof resolveSchedule>[0],
    instance.id,
  );
  const replay = replaySlots(
    automatic.map((b) => ({ id: b.record.id, takenAt: when(b) })),
    schedule.day,
  );
  for (const k of replay.keep) slots.set(k.id, k.slot);
  for (const id of replay.rotatedOut)
    report.orphans.push({ id, why: 'the schedule would have rotated it out; left in the store' });
  return slots;
}

/** Recreates, from every store, the image and backup rows the database lacks. */
export async function rebuildFromStores(db: Db): Promise<RebuildReport[]> {
  const reports: RebuildReport[] = [];
  for (const scope of storeScopes()) {
    const report: RebuildReport = {
      scope,
      label: scopeLabel(scope),
      location: '',
      manifests: 0,
      alreadyKnown: 0,
      recovered: { images: 0, backups: 0, instances: 0, teams: 0 },
      orphans: [],
    };
    try {
      const region = scopeRegion(scope);
      if (region) await rebuildBackups(db, region, report);
      else await rebuildImages(db, report);
    } catch (error) {
      report.error = (error as Error).message;
    }
    reports.push(report);
  }
  return reports;
}
