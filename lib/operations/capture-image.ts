import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { JOB_NAMES } from '@/lib/domain/progress';
import { isOverCeiling, formatGiB, formatGiBText } from '@/lib/domain/usage';
import { imageRecord } from '@/lib/domain/store-record';
import { PermanentJobError } from '@/lib/jobs';
import { providerFor } from '@/lib/providers';
import { diskRef } from '@/lib/providers/refs';
import { DomainError } from '@/lib/domain/errors';
import { capturePreflight, reserveImage, type Actor } from '@/lib/services/images';
import { defineOperation, unlessBusy } from './define';
import { imageRef, markImageAvailable } from './shared/refs';
import { remote } from './shared/remote';

// Capturing an image of an instance's disk. The job may run again after a worker dies mid-way,
// so it starts from what is durable: it re-reads the disk (chunks already stored are skipped by
// dedup).

async function loadCapture(db: Db, imageId: string) {
  const image = await db.image.findUnique({ where: { id: imageId }, include: { account: true } });
  if (!image) throw new PermanentJobError('The image was deleted before it was captured.');
  const instance = image.sourceInstanceId
    ? await db.instance.findUnique({ where: { id: image.sourceInstanceId } })
    : null;
  const disk = image.sourceDiskId ? await db.disk.findUnique({ where: { id: image.sourceDiskId } }) : null;
  if (!instance || !disk) throw new PermanentJobError('The source instance no longer exists.');
  return { image, instance, disk: diskRef(instance, disk) };
}

export const captureImage = defineOperation({
  kind: 'image.capture',
  input: z.object({ imageId: z.string() }),
  label: JOB_NAMES.capture,
  async run({ db, input, progress, log, signal }) {
    const { image, instance, disk } = await loadCapture(db, input.imageId);
    const provider = providerFor(image.account);
    const ceiling = Number(image.account.imageCeilingBytes);
    if (provider.traits.diskBasis === 'used') {
      // Guard again at the start: the disk may have grown since the form checked it.
      const measured = await provider.measureDisk(disk);
      if (isOverCeiling(measured.usedBytes, ceiling)) {
        throw new PermanentJobError(
          `The disk now holds ${formatGiB(measured.usedBytes, ceiling)} GiB, over the ${formatGiB(ceiling)} GiB limit for images. Take a backup snapshot instead.`,
        );
      }
      log(`Capturing ${image.sourceDiskLabel} of ${instance.label} (${formatGiBText(measured.usedBytes)} used)`);
      await provider.deleteImage({ id: image.id }); // a manifest from an attempt that died after writing it
    } else {
      log(
        `Capturing ${image.sourceDiskLabel} of ${instance.label}; the provider checks the data against its ${formatGiB(ceiling)} GiB limit as it captures`,
      );
    }
    const team = await db.team.findUniqueOrThrow({ where: { id: image.teamId } });
    const about = imageRecord(image, {
      team,
      account: image.account,
      instance,
      disk: { id: disk.diskId, label: image.sourceDiskLabel },
    });
    const captured = await remote(
      provider.captureImage(disk, imageRef(image), {
        onProgress: progress,
        signal,
        log,
        about,
        onRemoteId: async (remoteId) => void (await db.image.update({ where: { id: image.id }, data: { remoteId } })),
      }),
    );
    if (isOverCeiling(captured.dataBytes, ceiling)) {
      await provider.deleteImage({ id: image.id, remoteId: captured.remoteId ?? image.remoteId });
      throw new PermanentJobError(
        `The disk grew to ${formatGiB(captured.dataBytes, ceiling)} GiB of data while it was captured, over the ${formatGiB(ceiling)} GiB limit.`,
      );
    }
    await markImageAvailable(db, image.id, captured, log);
    return { imageId: image.id, digest: captured.digest };
  },
  // Failed or cancelled for good: the image is marked failed with the reason first (so it can
  // never be used, even when the store that failed the capture cannot be reached now), then
  // its manifest, if one was written, is removed where possible.
  async onEnd({ db, input }, outcome) {
    const image = await db.image.findUnique({ where: { id: input.imageId }, include: { account: true } });
    if (!image || image.status !== 'creating') return;
    await db.image.update({ where: { id: image.id }, data: { status: 'failed', failureReason: outcome.reason } });
    // A remote image the provider may still finish is deleted too: a failed capture leaves nothing usable.
    await providerFor(image.account).deleteImage(imageRef(image));
  },
});

/** Checks the disk and the limits (capturePreflight), then creates the image row and its job together. */
export async function startCapture(
  db: Db,
  actor: Actor,
  input: { instanceId: string; diskId: string; label: string; description: string },
) {
  const { instance, disk, check } = await capturePreflight(db, input.instanceId, input.diskId);
  if (!check.ok) throw new DomainError(check.message, 'diskId', check.reason);
  return unlessBusy(instance.label, 'diskId', () =>
    db.$transaction(async (tx) => {
      const account = await reserveImage(tx as unknown as Db, instance.accountId, instance.teamId, 'diskId');
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
      const job = await captureImage.enqueue(tx, {
        input: { imageId: image.id },
        instanceId: instance.id,
        teamId: instance.teamId,
        createdById: actor.id,
        lockKey: instance.id,
      });
      await tx.image.update({ where: { id: image.id }, data: { jobId: job.id } });
      return { imageId: image.id, jobId: job.id };
    }),
  );
}
