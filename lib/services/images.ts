import type { Db } from '@/lib/db/client';
import { afterCommit } from '@/lib/db/unit-of-work';
import { checkCapture, COUNTED_IMAGE_STATUSES, type CaptureCheck, type CaptureFacts } from '@/lib/domain/images';
import { queueImageGc } from '@/lib/operations/image-gc';
import { hostAccount, providerFor, traitsOf } from '@/lib/providers';
import { diskRef } from '@/lib/providers/refs';
import { DomainError, NotFoundError } from '@/lib/domain/errors';
import { assertQuota, teamImageQuota } from './quotas';
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
  const check = await checkImageLimits(db, instance.account, instance.teamId, {
    diskKind: disk.kind,
    diskLabel: disk.label,
    usedBytes: measured.usedBytes,
    basis: measured.basis,
  });
  return { instance, disk, measured, check };
}

type LimitedAccount = { id: string; imageCeilingBytes: bigint; imageLimit: number };

/** checkCapture on the account's figures, then the team's quota (the account's limits are the harder wall). */
async function checkImageLimits(
  db: Db,
  account: LimitedAccount,
  teamId: string,
  facts: Omit<CaptureFacts, 'ceilingBytes' | 'imageCount' | 'imageLimit'>,
): Promise<CaptureCheck> {
  const check = checkCapture({
    ...facts,
    ceilingBytes: Number(account.imageCeilingBytes),
    imageCount: await countImages(db, account.id),
    imageLimit: account.imageLimit,
  });
  const teamRefusal = check.ok ? quotaRefusal('images', await teamImageQuota(db, teamId)) : null;
  return teamRefusal ? { ok: false, reason: 'team_quota', message: teamRefusal } : check;
}

/**
 * Before an upload's body is read: this host's account (uploaded images are its own) and the
 * capture's limits that can be known without the file (the count, the team's quota). The
 * ceiling is checked by the job once the file's disk is measured.
 */
export async function uploadPreflight(db: Db, teamId: string, fileName: string) {
  const account = await db.providerAccount.findUnique({ where: { name: hostAccount().name } });
  if (!account) throw new DomainError('This host has no account of its own to keep uploaded images in.');
  const check = await checkImageLimits(db, account, teamId, {
    diskKind: 'primary',
    diskLabel: fileName,
    usedBytes: 0,
    source: 'upload',
  });
  return { account, check };
}

/**
 * Inside the transaction that creates an image row: touching the account row serialises new
 * images of one account (a row lock on PostgreSQL, the write lock on SQLite), so two at 24 of
 * 25 cannot both get through; then the count and the team's quota, refused on `field`.
 */
export async function reserveImage(tx: Db, accountId: string, teamId: string, field: string) {
  const account = await tx.providerAccount.update({ where: { id: accountId }, data: { imageLimit: { increment: 0 } } });
  const count = await tx.image.count({ where: { accountId: account.id, status: { in: COUNTED_STATUSES } } });
  if (count >= account.imageLimit) {
    throw new DomainError(
      `This account already has ${count} of ${account.imageLimit} images. Delete an image you no longer need, then try again.`,
      field,
      'image_limit',
    );
  }
  await assertQuota(tx, 'images', teamId, field);
  return account;
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
