import type { Db } from '@/lib/db/client';
import { isOverCeiling, formatGiB } from '@/lib/domain/usage';
import { providerFor } from '@/lib/providers';
import { destroyInstance } from '@/lib/services/provisioning';
import { ChunkError, DigestMismatchError } from '@/lib/storage';
import { PermanentJobError, registerJobHandler } from '../index';

// Handlers for image jobs. Each may run again after a worker dies mid-way, so each starts
// from what is durable: a capture re-reads the disk (chunks already stored are skipped by
// dedup), a deploy rebuilds the disk from the start.

type CaptureInput = { imageId: string };
type DeployInput = { imageId: string; instanceId: string; diskId: string };

async function loadCapture(db: Db, imageId: string) {
  const image = await db.image.findUnique({ where: { id: imageId }, include: { account: true } });
  if (!image) throw new PermanentJobError('The image was deleted before it was captured.');
  const instance = image.sourceInstanceId ? await db.instance.findUnique({ where: { id: image.sourceInstanceId } }) : null;
  if (!instance || !image.sourceDiskId) throw new PermanentJobError('The source instance no longer exists.');
  return { image, instance, disk: { instanceId: instance.id, diskId: image.sourceDiskId, region: instance.region } };
}

export function registerImageHandlers() {
  registerJobHandler<CaptureInput>('image.capture', {
    async run({ db, input, progress, log, signal }) {
      const { image, instance, disk } = await loadCapture(db, input.imageId);
      const provider = providerFor(image.account);
      const ceiling = Number(image.account.imageCeilingBytes);
      // Guard again at the start: the disk may have grown since the form checked it.
      const measured = await provider.measureDisk(disk);
      if (isOverCeiling(measured.usedBytes, ceiling)) {
        throw new PermanentJobError(`The disk now holds ${formatGiB(measured.usedBytes, ceiling)} GiB, over the ${formatGiB(ceiling)} GiB limit for images. Take a backup snapshot instead.`);
      }
      log(`Capturing ${image.sourceDiskLabel} of ${instance.label} (${formatGiB(measured.usedBytes)} GiB used)`);
      await provider.deleteImage(image.id); // a manifest from an attempt that died after writing it
      const captured = await provider.captureImage(disk, image.id, { onProgress: progress, signal });
      if (isOverCeiling(captured.dataBytes, ceiling)) {
        await provider.deleteImage(image.id);
        throw new PermanentJobError(`The disk grew to ${formatGiB(captured.dataBytes, ceiling)} GiB of data while it was captured, over the ${formatGiB(ceiling)} GiB limit.`);
      }
      await db.image.update({
        where: { id: image.id },
        data: {
          status: 'available',
          sizeBytes: BigInt(captured.sizeBytes),
          dataBytes: BigInt(captured.dataBytes),
          storedBytes: BigInt(captured.storedBytes),
          newBytes: BigInt(captured.newBytes),
          digest: captured.digest,
        },
      });
      log(`Image available: ${formatGiB(captured.dataBytes)} GiB of data, digest ${captured.digest.slice(0, 12)}…`);
      return { imageId: image.id, digest: captured.digest };
    },
    // Failed or cancelled for good: the image is marked failed with the reason, and its
    // manifest (if any) removed so it can never be used.
    async onEnd({ db, input }, outcome) {
      const image = await db.image.findUnique({ where: { id: input.imageId }, include: { account: true } });
      if (!image || image.status !== 'creating') return;
      await providerFor(image.account).deleteImage(image.id);
      await db.image.update({ where: { id: image.id }, data: { status: 'failed', failureReason: outcome.reason } });
    },
  });

  registerJobHandler<DeployInput>('image.deploy', {
    async run({ db, input, progress, log, signal }) {
      const image = await db.image.findUnique({ where: { id: input.imageId }, include: { account: true } });
      if (!image || image.status !== 'available' || !image.digest) throw new PermanentJobError('The image is no longer available.');
      const instance = await db.instance.findUnique({ where: { id: input.instanceId }, include: { disks: { where: { id: input.diskId } } } });
      if (!instance?.disks[0]) throw new PermanentJobError('The new instance was removed before it was deployed.');
      log(`Rebuilding the disk of ${instance.label} from ${image.label}`);
      const target = { instanceId: instance.id, diskId: input.diskId, region: instance.region, sizeBytes: Number(instance.disks[0].sizeBytes) };
      const { digest } = await providerFor(image.account)
        .deployImage(image.id, target, { onProgress: progress, signal })
        .catch((error: unknown) => {
          // A damaged image stays damaged: say so plainly and do not retry.
          if (error instanceof ChunkError || error instanceof DigestMismatchError) {
            throw new PermanentJobError(`The image is damaged and cannot be deployed: ${error.message}`);
          }
          throw error;
        });
      if (digest !== image.digest) throw new PermanentJobError('The rebuilt disk does not match the image (digest mismatch).');
      await db.instance.update({ where: { id: instance.id }, data: { status: 'running' } });
      log(`Disk verified against the image digest ${digest.slice(0, 12)}…; instance running`);
      return { instanceId: instance.id, digest };
    },
    // A deploy that fails for good leaves nothing half-made: the new instance and its disks go.
    async onEnd({ db, input }) {
      const instance = await db.instance.findUnique({ where: { id: input.instanceId } });
      if (instance?.status === 'provisioning') await destroyInstance(db, instance.id);
    },
  });

  registerJobHandler<{ accountId: string }>('image.gc', {
    async run({ db, input, log }) {
      const account = await db.providerAccount.findUnique({ where: { id: input.accountId } });
      if (!account) return { freedBytes: 0 };
      const { freedBytes } = await providerFor(account).collectImageGarbage();
      log(`Freed ${freedBytes} bytes of unreferenced chunks`);
      return { freedBytes };
    },
  });
}
