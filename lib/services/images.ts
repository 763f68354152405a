import type { Db } from '@/lib/db/client';
import { afterCommit } from '@/lib/db/unit-of-work';
import { checkCapture, COUNTED_IMAGE_STATUSES } from '@/lib/domain/images';
import { queueImageGc } from '@/lib/operations/image-gc';
import { providerFor, traitsOf } from '@/lib/providers';
import { diskRef } from '@/lib/providers/refs';
import { DomainError, NotFoundError } from '@/lib/domain/errors';
import { teamImageQuota } from './quotas';
import { quotaRefusal } from '@/lib/domain/quotas';

// Images: the preflight that refuses before a capture starts, renaming and deleting (the jobs
// that capture and deploy are in lib/operations/). Callers have already checked the caller may act on the team.

export const COUNTED_STATUSES = COUNTED_IMAGE_STATUSES;
export type Actor = { id: string; name: string };

export function countImages(db: Db, accountId: string) {
  return db.image.count({ where: { accountId, status: { in: COUNTED_STATUSES } } });
}

/** Measures the disk and checks the limits; the same answer the capture form shows. */
export async function capturePreflight(db: Db, instanceId: string, diskId: string) {
  const instance = await db.instance.findUnique({
    where: { id: instanceId },
    include: { account: true, disks: { where: { id: diskId } } },
  });
  const disk = instance?.disks[0];
  if (!instance || !disk) throw new NotFoundError('The disk');
  // A provider that reports allocation only needs no call here: the sync keeps the size, and the
  // ceiling is the provider's to check on the data when it captures.
  const measured =
    traitsOf(instance.account.kind).diskBasis === 'allocated'
      ? { sizeBytes: Number(disk.sizeBytes), usedBytes: Number(disk.sizeBytes), basis: 'allocated' as const }
      : await providerFor(instance.account).measureDisk(diskRef(instance, disk));
  const check = checkCapture({
    diskKind: disk.kind,
    diskLabel: disk.label,
    usedBytes: measured.usedBytes,
    basis: measured.basis,
    ceilingBytes: Number(instance.account.imageCeilingBytes),
    imageCount: await countImages(db, instance.accountId),
    imageLimit: instance.account.imageLimit,
  });
  // The team's quota comes after the account's rules: the account's limits are the harder wall.
  const teamRefusal = check.ok ? quotaRefusal('images', await teamImageQuota(db, instance.teamId)) : null;
  return {
    instance,
    disk,
    measured,
    check: teamRefusal ? ({ ok: false, reason: 'team_quota', message: teamRefusal } as const) : check,
  };
}

/** Renames an image; a remote provider's copy first, so a refusal there changes nothing here. */
export async function updateImage(db: Db, imageId: string, data: { label: string; description: string }) {
  const image = await db.image.findUnique({ where: { id: imageId }, include: { account: true } });
  if (!image) throw new NotFoundError('The image');
  await providerFor(image.account).updateImage(image, data);
  return db.image.update({ where: { id: imageId }, data });
}

/** Deletes the row first: a crash after it leaves an unreferenced manifest, never a listed image without one. */
export async function deleteImage(db: Db, imageId: string) {
  const image = await db.image.findUnique({ where: { id: imageId }, include: { account: true } });
  if (!image) throw new NotFoundError('The image');
  if (image.status === 'creating')
    throw new DomainError(
      'This image is still being captured. Cancel the capture or wait for it to finish.',
      'confirm',
      'busy',
    );
  // Few deploys are ever active at once: reading their inputs is cheaper than a JSON path query,
  // which SQLite and PostgreSQL spell differently.
  const deploys = await db.job.findMany({
    where: { kind: 'image.deploy', status: { in: ['queued', 'running'] } },
    select: { input: true },
  });
  if (deploys.some((job) => (job.input as { imageId?: unknown } | null)?.imageId === imageId))
    throw new DomainError('An instance is being deployed from this image. Wait for it to finish.', 'confirm', 'busy');
  const provider = providerFor(image.account);
  if (image.remoteId) {
    // A remote image goes there first: if the provider refuses, the row stays and says so.
    await provider.deleteImage(image);
    await db.image.delete({ where: { id: imageId } });
    return;
  }
  await db.image.delete({ where: { id: imageId } });
  // The data only once the row's removal is committed (inside an action, with its audit entry).
  await afterCommit(async () => {
    await provider.deleteImage(image);
    await queueImageGc(db, image.accountId);
  });
}
