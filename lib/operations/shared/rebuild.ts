import type { Db } from '@/lib/db/client';
import { PermanentJobError } from '@/lib/jobs';
import { providerFor } from '@/lib/providers';
import { diskRef } from '@/lib/providers/refs';
import type { DeployTarget } from '@/lib/providers/types';
import { destroyInstance } from '@/lib/services/provisioning';
import { ChunkError, DigestMismatchError } from '@/lib/storage';
import { measureInstance } from '../measure-disks';
import { refreshRemote, remote } from './remote';

// What the jobs that rebuild a disk from a copy share: deploy from an image, deploy from a
// backup, restore from a backup. Each may run again after a worker dies: it rebuilds the disk
// from the start.

export async function loadInstance(db: Db, instanceId: string) {
  const instance = await db.instance.findUnique({ where: { id: instanceId }, include: { account: true } });
  if (!instance) throw new PermanentJobError('The instance no longer exists.');
  return { instance, provider: providerFor(instance.account) };
}

export async function loadDisk(db: Db, diskId: string, missing: string) {
  const disk = await db.disk.findUnique({ where: { id: diskId } });
  if (!disk) throw new PermanentJobError(missing);
  return disk;
}

type Instance = { id: string; region: string; remoteId: string | null; label: string; plan: string };
type Disk = { id: string; remoteId: string | null; sizeBytes: bigint };

/** The disk to rebuild in place (a restore). */
export function existingDisk(instance: Instance, disk: Disk): DeployTarget {
  return { ...diskRef(instance, disk), sizeBytes: Number(disk.sizeBytes) };
}

/** The disk of a new instance the provider creates as it deploys. */
export function newInstanceDisk(instance: Instance, disk: Disk): DeployTarget {
  return { ...existingDisk(instance, disk), create: true, label: instance.label, plan: instance.plan };
}

/** Records the provider's id of a new instance as soon as it has one. */
export const rememberRemoteId = (db: Db, instanceId: string) => async (remoteId: string) =>
  void (await db.instance.update({ where: { id: instanceId }, data: { remoteId } }));

/**
 * Waits for the rebuild; a damaged copy is a permanent failure (reading it again reads the same
 * chunks), with the sentence `damaged` makes of the storage error.
 */
export async function rebuilt<T>(work: Promise<T>, damaged: (error: Error) => Promise<string> | string): Promise<T> {
  return remote(work).catch(async (error: unknown) => {
    if (error instanceof ChunkError || error instanceof DigestMismatchError)
      throw new PermanentJobError(await damaged(error));
    throw error;
  });
}

/**
 * The rebuilt instance runs again, as the provider now reports it; the log ends with the digest
 * the disk was checked against (and, for a new instance, that it runs). Returns the job's result.
 */
export async function backInService(
  db: Db,
  instanceId: string,
  log: (line: string) => void,
  verified: { digest: string; of: 'image' | 'backup'; created: boolean },
) {
  const { digest } = verified;
  await db.instance.update({ where: { id: instanceId }, data: { status: 'running' } });
  await refreshRemote(db, instanceId, log);
  // The disk changed: its usage is measured now rather than on the next scheduled round.
  await measureInstance(db, instanceId);
  log(
    `Disk verified against the ${verified.of} digest ${digest.slice(0, 12)}…${verified.created ? '; instance running' : ''}`,
  );
  return { instanceId, digest };
}

/** A deploy that fails for good leaves nothing half-made: the new instance and its disks go. */
export async function removeUnfinished(db: Db, instanceId: string) {
  const instance = await db.instance.findUnique({ where: { id: instanceId } });
  if (instance?.status === 'provisioning') await destroyInstance(db, instance.id);
}
