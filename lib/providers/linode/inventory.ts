import type { Disk, Image, Linode, LinodeBackup, LinodeBackupsResponse } from '@linode/api-v4';
import * as api from './api';
import type { LinodeClient } from './client';
import type { Inventory, RemoteBackup, RemoteImage, RemoteInstance } from '../types';

// An account as Linode lists it, put in Lifeboat's terms for the sync (lib/services/sync.ts).

const MiB = 1024 * 1024;

// Not content hashes (Linode shows none): the ids, which a deploy or restore names in turn.
export const imageDigest = (remoteId: string) => `linode:${remoteId}`;
export const backupDigest = (remoteId: string) => `linode:backup:${remoteId}`;

// Everything Linode is doing to an instance that is not plain up or down shows as busy.
const STATUS: Record<string, RemoteInstance['status']> = {
  running: 'running',
  offline: 'offline',
  stopped: 'offline',
  provisioning: 'provisioning',
  restoring: 'restoring',
};

// Linode's backup states in Lifeboat's four: paused waits, post-processing is still running,
// a user-aborted backup did not succeed.
const STATUS_OF_BACKUP: Record<string, RemoteBackup['status']> = {
  pending: 'pending',
  paused: 'pending',
  running: 'running',
  needsPostProcessing: 'running',
  successful: 'successful',
};

/** Linode gives times as UTC without a zone. */
function utc(stamp: string | null | undefined): Date | null {
  if (!stamp) return null;
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(stamp) ? stamp : `${stamp}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

function backupOf(b: LinodeBackup, kind: RemoteBackup['kind']): RemoteBackup {
  const status = STATUS_OF_BACKUP[b.status] ?? 'failed';
  return {
    remoteId: String(b.id),
    kind,
    label: b.label ?? '',
    status,
    sizeBytes: b.disks.reduce((sum, d) => sum + d.size, 0) * MiB,
    takenAt: utc(b.finished) ?? (status === 'successful' ? utc(b.created) : null),
    digest: backupDigest(String(b.id)),
  };
}

export function backupsOf(set: LinodeBackupsResponse): RemoteBackup[] {
  const automatic = [...set.automatic]
    .sort((a, b) => b.created.localeCompare(a.created))
    .map((b) => backupOf(b, 'automatic'));
  const snapshots = [set.snapshot.current, set.snapshot.in_progress]
    .filter((b): b is LinodeBackup => !!b)
    .map((b) => backupOf(b, 'snapshot'));
  return [...automatic, ...snapshots];
}

function instanceOf(linode: Linode, disks: Disk[], backups: RemoteBackup[]): RemoteInstance {
  return {
    remoteId: String(linode.id),
    label: linode.label,
    region: linode.region,
    plan: linode.type ?? '',
    status: STATUS[linode.status] ?? 'busy',
    tags: linode.tags,
    backups: {
      enabled: linode.backups.enabled,
      day: linode.backups.schedule.day ?? 'Scheduling',
      window: linode.backups.schedule.window ?? 'Scheduling',
    },
    // Every disk but swap can be captured and backed up; the first of them is the primary.
    disks: disks.map((d) => ({
      remoteId: String(d.id),
      label: d.label,
      kind: d.filesystem === 'swap' ? ('swap' as const) : ('primary' as const),
      sizeBytes: d.size * MiB,
    })),
    backupList: backups,
  };
}

function imageOf(image: Image): RemoteImage {
  return {
    remoteId: image.id,
    label: image.label,
    description: image.description ?? '',
    status: image.status === 'available' ? 'available' : 'creating',
    sizeBytes: image.size * MiB,
    region: image.regions?.[0]?.region ?? '',
    createdAt: utc(image.created) ?? new Date(),
    digest: imageDigest(image.id),
  };
}

export function linodeInventory(client: LinodeClient): Inventory {
  async function complete(linode: Linode) {
    const [disks, backups] = await Promise.all([
      api.listDisks(client, linode.id),
      linode.backups.enabled ? api.listBackups(client, linode.id).then(backupsOf) : Promise.resolve([]),
    ]);
    return instanceOf(linode, disks, backups);
  }
  return {
    async listInstances() {
      const linodes = await api.listInstances(client);
      // One at a time: each instance costs two calls and the API limits their rate.
      const out: RemoteInstance[] = [];
      for (const linode of linodes) out.push(await complete(linode));
      return out;
    },
    async readInstance(remoteId) {
      return complete(await api.getInstance(client, Number(remoteId)));
    },
    async listImages() {
      return (await api.listImages(client)).map(imageOf);
    },
    async listPlans() {
      return (await api.listTypes(client)).map((t) => ({
        id: t.id,
        label: t.label,
        diskBytes: t.disk * MiB,
        memoryMb: t.memory,
        pricePerMonth: t.price.monthly ?? 0,
        backupPricePerMonth: t.addons?.backups?.price?.monthly ?? null,
      }));
    },
    async listRegions() {
      return (await api.listRegions(client)).map((r) => ({ id: r.id, label: `${r.label} (${r.id})` }));
    },
  };
}
