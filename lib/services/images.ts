import type { Db } from '@/lib/db/client';
import { checkCapture, COUNTED_IMAGE_STATUSES, planFitsImage } from '@/lib/domain/images';
import { encryptSecret } from '@/lib/crypto/secrets';
import { enqueueJob, InstanceBusyError } from '@/lib/jobs';
import { providerFor, traitsOf } from '@/lib/providers';
import { catalogFor, planOf, regionOf } from './catalogs';
import { diskRef } from '@/lib/providers/refs';
import { DomainError, NotFoundError } from '@/lib/domain/errors';
import { provisionForDeploy } from './provisioning';
import { assertQuota, teamImageQuota } from './quotas';
import { quotaRefusal } from '@/lib/domain/quotas';

// Images: the preflight that refuses before anything starts, and the rows and jobs that
// capture, deploy and delete. Callers have already checked the caller may act on the team.

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

export async function startCapture(
  db: Db,
  actor: Actor,
  input: { instanceId: string; diskId: string; label: string; description: string },
) {
  const { instance, disk, check } = await capturePreflight(db, input.instanceId, input.diskId);
  if (!check.ok) throw new DomainError(check.message, 'diskId', check.reason);
  try {
    return await db.$transaction(async (tx) => {
      // Touching the account row serialises captures of one account (a row lock on PostgreSQL,
      // the write lock on SQLite), so two captures at 24 of 25 cannot both get through.
      const account = await tx.providerAccount.update({
        where: { id: instance.accountId },
        data: { imageLimit: { increment: 0 } },
      });
      const count = await tx.image.count({ where: { accountId: account.id, status: { in: COUNTED_STATUSES } } });
      if (count >= account.imageLimit) {
        throw new DomainError(
          `This account already has ${count} of ${account.imageLimit} images. Delete an image you no longer need, then try again.`,
          'diskId',
          'image_limit',
        );
      }
      await assertQuota(tx as unknown as Db, 'images', instance.teamId, 'diskId');
      const image = await tx.image.create({
        data: {
          accountId: account.id,
          teamId: instance.teamId,
          label: input.label,
          description: input.description,
          sourceInstanceId: instance.id,
          sourceInstanceLabel: instance.label,
          sourceDiskId: disk.id,
          sourceDiskLabel: disk.label,
          region: instance.region,
          sizeBytes: disk.sizeBytes,
          createdById: actor.id,
          createdByName: actor.name,
        },
      });
      const job = await enqueueJob(tx as unknown as Db, {
        kind: 'image.capture',
        input: { imageId: image.id },
        instanceId: instance.id,
        teamId: instance.teamId,
        createdById: actor.id,
        lockKey: instance.id,
      });
      await tx.image.update({ where: { id: image.id }, data: { jobId: job.id } });
      return { imageId: image.id, jobId: job.id };
    });
  } catch (error) {
    if (error instanceof InstanceBusyError)
      throw new DomainError(
        `${instance.label} is busy with another disk operation. Wait for it to finish.`,
        'diskId',
        'busy',
      );
    throw error;
  }
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
  const deploying = await db.job.count({
    where: { kind: 'image.deploy', status: { in: ['queued', 'running'] }, input: { contains: imageId } },
  });
  if (deploying > 0)
    throw new DomainError('An instance is being deployed from this image. Wait for it to finish.', 'confirm', 'busy');
  const provider = providerFor(image.account);
  if (image.remoteId) {
    // A remote image goes there first: if Linode refuses, the row stays and says so.
    await provider.deleteImage(image);
    await db.image.delete({ where: { id: imageId } });
    return;
  }
  await db.image.delete({ where: { id: imageId } });
  await provider.deleteImage(image);
  try {
    await enqueueJob(db, { kind: 'image.gc', input: { accountId: image.accountId }, lockKey: `gc:${image.accountId}` });
  } catch (error) {
    // A collection already queued will free this image's chunks too.
    if (!(error instanceof InstanceBusyError)) throw error;
  }
}

export type DeployInput = {
  imageId: string;
  label: string;
  teamId: string;
  region: string;
  plan: string;
  rootPassword?: string;
};

export async function startDeployFromImage(db: Db, actor: Actor, input: DeployInput) {
  const image = await db.image.findUnique({ where: { id: input.imageId }, include: { account: true } });
  if (!image) throw new NotFoundError('The image');
  if (image.status !== 'available') throw new DomainError('Only an available image can be deployed.', 'imageId');
  const catalog = await catalogFor(image.account);
  const plan = planOf(catalog, input.plan);
  if (!plan) throw new DomainError('Choose one of the plans offered.', 'plan');
  const fits = planFitsImage(plan.diskBytes, Number(image.sizeBytes));
  if (!fits.ok) throw new DomainError(`${plan.label}: ${fits.reason}.`, 'plan');
  if (!regionOf(catalog, input.region)) throw new DomainError('Choose one of the regions offered.', 'region');
  // Linode will not deploy an image without a root password for the new instance.
  const remote = traitsOf(image.account.kind).remote;
  if (remote && !input.rootPassword) throw new DomainError('Set a root password for the new instance.', 'rootPassword');
  if (!(await db.team.findUnique({ where: { id: input.teamId } })))
    throw new DomainError('Choose one of the teams offered.', 'teamId');
  const taken = await db.instance.findFirst({ where: { accountId: image.accountId, label: input.label } });
  if (taken) throw new DomainError(`An instance called ${input.label} already exists.`, 'label');
  return provisionForDeploy(
    db,
    actor,
    { accountId: image.accountId, teamId: input.teamId, label: input.label, region: input.region, plan: input.plan },
    {
      kind: 'image.deploy',
      input: {
        imageId: image.id,
        ...(remote && input.rootPassword ? { rootPassword: encryptSecret(input.rootPassword) } : {}),
      },
    },
  );
}
