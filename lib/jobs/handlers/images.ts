import type { Db } from '@/lib/db/client';
import { isOverCeiling, formatGiB, formatGiBText } from '@/lib/domain/usage';
import { providerFor } from '@/lib/providers';
import { destroyInstance } from '@/lib/services/provisioning';
import { decryptSecret } from '@/lib/crypto/secrets';
import { ChunkError, DigestMismatchError } from '@/lib/storage';
import { PermanentJobError, registerJobHandler } from '../index';
import { diskRef } from '@/lib/providers/refs';
import { collectAgainLater } from './gc-later';
import { refreshRemote, remote } from './remote';
import { imageRecord } from '@/lib/domain/store-record';

// Handlers for image jobs. Each may run again after a worker dies mid-way, so each starts
// from what is durable: a capture re-reads the disk (chunks already stored are skipped by
// dedup), a deploy rebuilds the disk from the start.

type CaptureInput = { imageId: string };
// A root password (Linode deploys need one) rides encrypted and is dropped once it was used.
type DeployInput = { imageId: string; instanceId: string; diskId: string; rootPassword?: string };

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

/** The root password is needed until the provider has the new instance, and kept no longer. */
async function dropRootPassword(db: Db, jobId: string, input: DeployInput) {
  const { rootPassword: _dropped, ...rest } = input;
  await db.job.update({ where: { id: jobId }, data: { input: JSON.stringify(rest) } });
}

const imageRef = (image: { id: string; label: string; description: string; remoteId: string | null }) => ({
  id: image.id,
  label: image.label,
  description: image.description,
  remoteId: image.remoteId,
});

export function registerImageHandlers() {
  registerJobHandler<CaptureInput>('image.capture', {
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
      log(`Image available: ${formatGiBText(captured.dataBytes)} of data, digest ${captured.digest.slice(0, 12)}…`);
      return { imageId: image.id, digest: captured.digest };
    },
    // Failed or cancelled for good: the image is marked failed with the reason first (so it can
    // never be used, even when the store that failed the capture cannot be reached now), then
    // its manifest, if one was written, is removed where possible.
    async onEnd({ db, input }, outcome) {
      const image = await db.image.findUnique({ where: { id: input.imageId }, include: { account: true } });
      if (!image || image.status !== 'creating') return;
      await db.image.update({ where: { id: image.id }, data: { status: 'failed', failureReason: outcome.reason } });
      // A remote image Linode may still finish is deleted too: a failed capture leaves nothing usable.
      await providerFor(image.account).deleteImage(imageRef(image));
    },
  });

  registerJobHandler<DeployInput>('image.deploy', {
    async run({ db, job, input, progress, log, signal }) {
      const image = await db.image.findUnique({ where: { id: input.imageId }, include: { account: true } });
      if (!image || image.status !== 'available' || !image.digest)
        throw new PermanentJobError('The image is no longer available.');
      const instance = await db.instance.findUnique({
        where: { id: input.instanceId },
        include: { disks: { where: { id: input.diskId } } },
      });
      if (!instance?.disks[0]) throw new PermanentJobError('The new instance was removed before it was deployed.');
      // The job, its log and its audit entry are the new instance's team's: another team's image goes unnamed.
      const foreign = image.teamId !== instance.teamId;
      log(`Rebuilding the disk of ${instance.label} from ${foreign ? 'an image of another team' : image.label}`);
      const target = {
        ...diskRef(instance, instance.disks[0]),
        sizeBytes: Number(instance.disks[0].sizeBytes),
        create: true,
        label: instance.label,
        plan: instance.plan,
        rootPassword: input.rootPassword ? decryptSecret(input.rootPassword) : undefined,
      };
      const onRemoteId = async (remoteId: string) => {
        await db.instance.update({ where: { id: instance.id }, data: { remoteId } });
        await dropRootPassword(db, job.id, input);
      };
      const { digest } = await remote(
        providerFor(image.account).deployImage(imageRef(image), target, {
          onProgress: progress,
          signal,
          log,
          onRemoteId,
        }),
      ).catch((error: unknown) => {
        // A damaged image stays damaged: say so plainly and do not retry.
        if (error instanceof ChunkError || error instanceof DigestMismatchError) {
          throw new PermanentJobError(
            `The image is damaged and cannot be deployed${foreign ? '.' : `: ${error.message}`}`,
          );
        }
        throw error;
      });
      if (digest !== image.digest)
        throw new PermanentJobError('The rebuilt disk does not match the image (digest mismatch).');
      await db.instance.update({ where: { id: instance.id }, data: { status: 'running' } });
      await refreshRemote(db, instance.id, log);
      log(`Disk verified against the image digest ${digest.slice(0, 12)}…; instance running`);
      return { instanceId: instance.id, digest };
    },
    // A deploy that fails for good leaves nothing half-made: the new instance and its disks go,
    // and so does the root password it would have been given.
    async onEnd({ db, job, input }) {
      if (input.rootPassword) await dropRootPassword(db, job.id, input);
      const instance = await db.instance.findUnique({ where: { id: input.instanceId } });
      if (instance?.status === 'provisioning') await destroyInstance(db, instance.id);
    },
  });

  registerJobHandler<{ accountId: string }>('image.gc', {
    async run({ db, input, log }) {
      const account = await db.providerAccount.findUnique({ where: { id: input.accountId } });
      if (!account) return { freedBytes: 0 };
      const { freedBytes, retryAfterMs } = await providerFor(account).collectImageGarbage();
      log(`Freed ${freedBytes} bytes of unreferenced chunks`);
      if (retryAfterMs)
        await collectAgainLater(db, log, { kind: 'image.gc', input, lockKey: `gc-later:${account.id}` }, retryAfterMs);
      return { freedBytes };
    },
  });
}
