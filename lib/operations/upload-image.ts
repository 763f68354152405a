import fs from 'node:fs/promises';
import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { createId } from '@/lib/db/ids';
import { convertQcow2ToRaw } from '@/lib/disks/image-file';
import { receiveSparse, ReceiveTooLargeError } from '@/lib/disks/receive';
import { DomainError } from '@/lib/domain/errors';
import { checkCapture } from '@/lib/domain/images';
import { JOB_NAMES } from '@/lib/domain/progress';
import { imageRecord } from '@/lib/domain/store-record';
import { uploadedSource, uploadTooLarge } from '@/lib/domain/uploads';
import { formatBytes, formatGiBText } from '@/lib/domain/usage';
import { PermanentJobError } from '@/lib/jobs';
import { providerFor } from '@/lib/providers';
import { catalogFor } from '@/lib/services/catalogs';
import { reserveImage, uploadPreflight, type Actor } from '@/lib/services/images';
import { defineOperation } from './define';
import { imageRef, markImageAvailable } from './shared/refs';
import { judgeUpload, removeUploadFiles, sweepUploads, uploadFiles, uploadsDir } from './shared/upload-files';

// An image made from an uploaded disk image file (raw, or qcow2 converted to raw with qemu-img),
// checked like a capture: the count and the team's quota before the body is read, the ceiling
// on the disk's measured used space once it is here. The job may run again after a worker died
// mid-way, so it starts from what is durable: the uploaded file, kept until the job ends.

const largestDisk = (plans: { diskBytes: number }[]) => Math.max(...plans.map((p) => p.diskBytes));

export const uploadImage = defineOperation({
  kind: 'image.upload',
  input: z.object({ imageId: z.string(), fileName: z.string() }),
  label: JOB_NAMES.upload,
  async run({ db, input, progress, log, signal }) {
    const image = await db.image.findUnique({ where: { id: input.imageId }, include: { account: true, team: true } });
    if (!image) throw new PermanentJobError('The image was deleted before the upload became one.');
    const files = uploadFiles(image.region, image.id);
    // An attempt that died after the image was made: only its files are left to remove.
    if (image.status === 'available') {
      await removeUploadFiles(image.region, image.id);
      return { imageId: image.id, digest: image.digest };
    }
    const provider = providerFor(image.account);
    if (!provider.uploads) throw new PermanentJobError('This account does not keep uploaded images.');
    // What an attempt that died left: a half-converted file, a manifest written before the row.
    await fs.rm(files.raw, { force: true });
    await provider.deleteImage({ id: image.id });
    if (!(await fs.stat(files.upload).catch(() => null)))
      throw new PermanentJobError('The uploaded file is no longer on this host. Upload it again.');

    const { plans } = await catalogFor(image.account);
    const verdict = await judgeUpload(files.upload, input.fileName, largestDisk(plans));
    if (!verdict.ok) throw new PermanentJobError(verdict.message);
    // Progress: the conversion (a qcow2's) over the disk's size, then the capture over the bytes
    // it reads (the used blocks), each with its own total so that speeds are real speeds.
    let disk = files.upload;
    if (verdict.format === 'qcow2') {
      log(`Converting ${input.fileName} (qcow2, ${formatBytes(verdict.sizeBytes)} disk) to raw`);
      await convertQcow2ToRaw(files.upload, files.raw, {
        signal,
        onProgress: (fraction) => progress(Math.round(fraction * verdict.sizeBytes), verdict.sizeBytes),
      });
      disk = files.raw;
    }
    const measured = await provider.uploads.measureFile(disk);
    const check = checkCapture({
      diskKind: 'primary',
      diskLabel: input.fileName,
      usedBytes: measured.usedBytes,
      ceilingBytes: Number(image.account.imageCeilingBytes),
      // The count was checked when the image row was made (it counts itself now).
      imageCount: 0,
      imageLimit: 1,
      source: 'upload',
    });
    if (!check.ok) throw new PermanentJobError(check.message);
    const basis = measured.source === 'filesystem' ? "its filesystem's used space" : 'the data the file holds';
    log(`Capturing the disk: ${formatGiBText(measured.usedBytes)} used (${basis})`);
    const about = imageRecord(image, {
      team: image.team,
      account: image.account,
      instance: { id: '', label: image.sourceInstanceLabel, region: image.region, plan: '' },
      disk: { id: '', label: '' },
    });
    const captured = await provider.uploads.captureFile(disk, imageRef(image), {
      signal,
      about,
      onProgress: progress,
    });
    await markImageAvailable(db, image.id, captured, log);
    await removeUploadFiles(image.region, image.id);
    return { imageId: image.id, digest: captured.digest };
  },
  // Failed or cancelled for good: the image is marked failed with the reason (so it can never be
  // used), then its manifest, if one was written, and the upload's files are removed.
  async onEnd({ db, input }, outcome) {
    const image = await db.image.findUnique({ where: { id: input.imageId }, include: { account: true } });
    if (!image) return;
    if (image.status === 'creating') {
      await db.image.update({ where: { id: image.id }, data: { status: 'failed', failureReason: outcome.reason } });
      await providerFor(image.account).deleteImage(imageRef(image));
    }
    await removeUploadFiles(image.region, image.id);
  },
});

export type UploadInput = { teamId: string; label: string; description: string; region: string; fileName: string };

/**
 * Refuses what can be refused before the body is read (the region, the count, the team's quota,
 * a declared length over the largest disk), receives the body, then creates the image row and
 * its job together. A body that does not arrive whole leaves nothing.
 */
export async function startUpload(
  db: Db,
  actor: Actor,
  input: UploadInput,
  body: { stream: AsyncIterable<Uint8Array>; declaredBytes?: number; signal?: AbortSignal },
) {
  const { account, check } = await uploadPreflight(db, input.teamId, input.fileName);
  const { plans, regions } = await catalogFor(account);
  if (!regions.some((r) => r.id === input.region)) throw new DomainError('Choose a region.', 'region');
  if (!check.ok) throw new DomainError(check.message, 'file', check.reason);
  const maxBytes = largestDisk(plans);
  const tooLarge = uploadTooLarge(body.declaredBytes ?? 0, maxBytes);
  if (tooLarge) throw new DomainError(tooLarge, 'file', 'too_large');

  const dir = uploadsDir(input.region);
  await fs.mkdir(dir, { recursive: true });
  await sweepUploads(db, input.region);
  const partial = `${dir}/${createId()}.part`;
  let received;
  try {
    received = await receiveSparse(body.stream, partial, { maxBytes, signal: body.signal });
  } catch (error) {
    if (error instanceof ReceiveTooLargeError)
      throw new DomainError(uploadTooLarge(maxBytes + 1, maxBytes)!, 'file', 'too_large');
    throw new DomainError(
      'The upload did not finish: the file did not arrive whole. Try again.',
      'file',
      'interrupted',
    );
  }
  if (received.bytes === 0) {
    await fs.rm(partial, { force: true });
    throw new DomainError('The file is empty. Choose a disk image file.', 'file', 'empty');
  }
  const imageId = createId();
  const files = uploadFiles(input.region, imageId);
  await fs.rename(partial, files.upload);
  try {
    return await db.$transaction(async (tx) => {
      await reserveImage(tx as unknown as Db, account.id, input.teamId, 'file');
      const image = await tx.image.create({
        data: {
          id: imageId,
          accountId: account.id,
          teamId: input.teamId,
          label: input.label,
          description: input.description,
          sourceInstanceId: null,
          sourceInstanceLabel: uploadedSource(input.fileName),
          sourceDiskLabel: '',
          region: input.region,
          createdById: actor.id,
          createdByName: actor.name,
        },
      });
      const job = await uploadImage.enqueue(tx, {
        input: { imageId: image.id, fileName: input.fileName },
        teamId: input.teamId,
        createdById: actor.id,
      });
      await tx.image.update({ where: { id: image.id }, data: { jobId: job.id } });
      return { imageId: image.id, jobId: job.id };
    });
  } catch (error) {
    await fs.rm(files.upload, { force: true });
    throw error;
  }
}
