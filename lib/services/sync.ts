import type { Db } from '@/lib/db/client';
import { PERCENT_ONLY } from '@/lib/domain/progress';
import { descriptorOf, providerFor, type ProviderAccountRef } from '@/lib/providers';
import { teamByTagRules } from './instances';
import type { Inventory, RemoteBackup, RemoteImage, RemoteInstance } from '@/lib/providers/types';
import { refreshBackupFacts } from './backup-facts';

// Reading a remote account into Lifeboat's rows: its instances with their disks and
// backups, and its private images. The provider is the truth for what exists; Lifeboat keeps
// what the provider does not know: which team an instance belongs to, who captured an image,
// the audit trail. A row a running job is working on is left to that job.
//
// Instances no admin has assigned yet sit in the account's holding team, which has no members:
// only admins see them until they are given to a team (by tag or one by one).

type Account = ProviderAccountRef & { id: string; name: string };

const AUTOMATIC_SLOTS = ['daily', 'weekly', 'biweekly'] as const;

function inventoryOf(account: Account): Inventory {
  const inventory = providerFor(account).inventory;
  if (!inventory) throw new Error(`A ${account.kind} account has nothing to sync.`);
  return inventory;
}

/** The account's holding team for unassigned instances, made on first use. */
async function holdingTeam(db: Db, account: { id: string; name: string }) {
  const existing = await db.team.findUnique({ where: { holdsAccountId: account.id } });
  if (existing) return existing;
  return db.team.create({ data: { name: `Unassigned (${account.name})`, holdsAccountId: account.id } });
}

async function activeJobInstanceIds(db: Db, instanceIds: string[]) {
  const jobs = await db.job.findMany({
    where: { instanceId: { in: instanceIds }, status: { in: ['queued', 'running'] } },
    select: { instanceId: true },
  });
  return new Set(jobs.map((j) => j.instanceId));
}

/** Reads every instance and image of the account; returns what changed, in counts. */
export async function syncAccount(
  db: Db,
  accountId: string,
  onProgress?: (percent: number, total: typeof PERCENT_ONLY) => void,
) {
  const account = await db.providerAccount.findUniqueOrThrow({ where: { id: accountId } });
  try {
    const inventory = inventoryOf(account);
    const [instances, images] = [await inventory.listInstances(), await inventory.listImages()];
    const team = await holdingTeam(db, account);
    const seen: string[] = [];
    for (const remote of instances) {
      seen.push((await writeInstance(db, account, team.id, remote)).id);
      onProgress?.(Math.floor((seen.length / instances.length) * 100), PERCENT_ONLY);
    }
    const gone = await db.instance.findMany({
      where: { accountId, remoteId: { not: null }, id: { notIn: seen } },
      select: { id: true },
    });
    const busy = await activeJobInstanceIds(
      db,
      gone.map((g) => g.id),
    );
    const removable = gone.filter((g) => !busy.has(g.id)).map((g) => g.id);
    await db.instance.deleteMany({ where: { id: { in: removable } } });
    const imageCount = await writeImages(db, account.id, team.id, images, descriptorOf(account.kind).label);
    await db.providerAccount.update({ where: { id: accountId }, data: { syncedAt: new Date(), syncError: null } });
    return { instances: instances.length, removed: removable.length, images: imageCount };
  } catch (error) {
    await db.providerAccount.update({
      where: { id: accountId },
      data: { syncError: error instanceof Error ? error.message : String(error) },
    });
    throw error;
  }
}

/** Reads one instance back after an operation changed it (its disks after a restore, its status after a deploy). */
export async function syncInstance(db: Db, account: Account, remoteId: string) {
  const remote = await inventoryOf(account).readInstance(remoteId);
  const team = await holdingTeam(db, account);
  return writeInstance(db, account, team.id, remote, { ownStatus: true });
}

async function writeInstance(
  db: Db,
  account: { id: string; kind: string },
  holdingTeamId: string,
  remote: RemoteInstance,
  options: { ownStatus?: boolean } = {},
) {
  const accountId = account.id;
  // An instance Lifeboat is deploying has its row before the provider has its id: adopt it by label.
  const row =
    (await db.instance.findUnique({ where: { accountId_remoteId: { accountId, remoteId: remote.remoteId } } })) ??
    (await db.instance.findFirst({ where: { accountId, label: remote.label, remoteId: null } }));
  const busy = row ? (await activeJobInstanceIds(db, [row.id])).has(row.id) : false;
  const primary = remote.disks.find((d) => d.kind === 'primary');
  // The provider's list as rows, each tag once.
  const tagRows = [...new Set(remote.tags)].map((tag) => ({ tag }));
  const data = {
    remoteId: remote.remoteId,
    label: remote.label,
    region: remote.region,
    plan: remote.plan,
    backupsEnabled: remote.backups.enabled,
    backupDay: remote.backups.day,
    backupWindow: remote.backups.window,
    primaryUsedBytes: BigInt(primary?.sizeBytes ?? 0),
    // A running job (a restore) owns the status it set, unless it is the job asking.
    ...(busy && !options.ownStatus ? {} : { status: remote.status }),
  };
  const instance = row
    ? await db.instance.update({
        where: { id: row.id },
        data: {
          ...data,
          tags: { deleteMany: {}, create: tagRows },
          backupsEnabledAt: remote.backups.enabled ? (row.backupsEnabledAt ?? new Date()) : null,
        },
      })
    : await db.instance.create({
        data: {
          ...data,
          tags: { create: tagRows },
          accountId,
          // An admin's tag rule gives it a team at once; otherwise only admins see it until assigned.
          teamId: (await teamByTagRules(db, accountId, remote.tags)) ?? holdingTeamId,
          backupsEnabledAt: remote.backups.enabled ? new Date() : null,
        },
      });
  await writeDisks(db, instance.id, remote.disks);
  await writeBackups(db, instance, remote.backupList, descriptorOf(account.kind).label);
  return instance;
}

async function writeDisks(db: Db, instanceId: string, disks: RemoteInstance['disks']) {
  const kept: string[] = [];
  for (const d of disks) {
    const existing =
      (await db.disk.findFirst({ where: { instanceId, remoteId: d.remoteId } })) ??
      (await db.disk.findFirst({ where: { instanceId, label: d.label } }));
    // A remote provider reports the allocation only: it is both the size and the "used" figure, marked so on the page.
    const data = {
      remoteId: d.remoteId,
      label: d.label,
      kind: d.kind,
      sizeBytes: BigInt(d.sizeBytes),
      usedBytes: BigInt(d.sizeBytes),
      measuredAt: new Date(),
    };
    const disk = existing
      ? await db.disk.update({ where: { id: existing.id }, data })
      : await db.disk.create({ data: { ...data, instanceId } });
    kept.push(disk.id);
  }
  await db.disk.deleteMany({ where: { instanceId, id: { notIn: kept } } });
}

async function writeBackups(
  db: Db,
  instance: { id: string; teamId: string; region: string },
  backups: RemoteBackup[],
  providerLabel: string,
) {
  const primary = await db.disk.findFirst({
    where: { instanceId: instance.id, kind: 'primary' },
    orderBy: { createdAt: 'asc' },
  });
  const successfulAutomatic = backups.filter((b) => b.kind === 'automatic' && b.status === 'successful');
  for (const b of backups) {
    const slotIndex = successfulAutomatic.indexOf(b);
    const slot =
      b.kind === 'snapshot'
        ? b.status === 'successful'
          ? ('snapshot' as const)
          : null
        : (AUTOMATIC_SLOTS[slotIndex] ?? null);
    const size = BigInt(b.sizeBytes);
    const data = {
      kind: b.kind,
      slot,
      label: b.label,
      status: b.status,
      takenAt: b.takenAt,
      sizeBytes: size,
      dataBytes: size,
      storedBytes: size,
      newBytes: size,
    };
    const existing = await db.backup.findUnique({
      where: { instanceId_remoteId: { instanceId: instance.id, remoteId: b.remoteId } },
    });
    // A snapshot our job is following is finished by that job (it rotates the old one out).
    if (existing && existing.jobId && (existing.status === 'pending' || existing.status === 'running')) continue;
    if (existing) await db.backup.update({ where: { id: existing.id }, data });
    else
      await db.backup.create({
        data: {
          ...data,
          instanceId: instance.id,
          teamId: instance.teamId,
          region: instance.region,
          remoteId: b.remoteId,
          diskId: primary?.id ?? '',
          digest: b.digest,
          createdByName: providerLabel,
        },
      });
  }
  // Gone from the provider (rotated out, replaced by a newer snapshot, the service cancelled): gone here.
  // Failed attempts stay as history.
  await db.backup.deleteMany({
    where: { instanceId: instance.id, status: 'successful', remoteId: { notIn: backups.map((b) => b.remoteId) } },
  });
  await refreshBackupFacts(db, instance.id);
}

async function writeImages(
  db: Db,
  accountId: string,
  holdingTeamId: string,
  images: RemoteImage[],
  providerLabel: string,
) {
  for (const image of images) {
    const existing = await db.image.findUnique({
      where: { accountId_remoteId: { accountId, remoteId: image.remoteId } },
    });
    // A capture Lifeboat started is finished by its job, which knows who asked for it.
    if (existing?.status === 'creating' && existing.jobId) continue;
    const size = BigInt(image.sizeBytes);
    const data = {
      label: image.label,
      description: image.description,
      status: image.status,
      sizeBytes: size,
      dataBytes: size,
      storedBytes: size,
    };
    if (existing) {
      await db.image.update({ where: { id: existing.id }, data });
      continue;
    }
    if (await db.image.findFirst({ where: { accountId, label: image.label, remoteId: null, status: 'creating' } }))
      continue; // ours, id not stored yet
    await db.image.create({
      data: {
        ...data,
        accountId,
        teamId: holdingTeamId,
        remoteId: image.remoteId,
        region: image.region,
        newBytes: size,
        digest: image.digest,
        sourceInstanceLabel: '',
        sourceDiskLabel: '',
        createdByName: providerLabel,
        createdAt: image.createdAt,
      },
    });
  }
  // Deleted in the provider's own console: no longer deployable, so no longer listed.
  await db.image.deleteMany({
    where: { accountId, status: 'available', remoteId: { not: null, notIn: images.map((i) => i.remoteId) } },
  });
  return images.length;
}
