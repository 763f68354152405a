import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageStoreDir } from '@/lib/config/env';
import { enqueueJob } from '@/lib/jobs';
import { jobEnded, killMidJob, waitFor } from '@/tests/jobs';
import { diskPath } from '@/lib/providers/local';
import { manifestExists } from '@/lib/storage';
import { setUpLocalServices } from '@/tests/local-services';
import { PROVIDERS } from '@/tests/databases';
import { digestOf, writeTestDisk } from '@/tests/disks';
import { checkExt4 } from '@/lib/disks/ext4';
import { fillFilesystem } from '@/lib/disks/fill';
import { measureDiskFile } from '@/lib/disks/measure';
import { DomainError } from '@/lib/domain/errors';
import { deleteImage } from './images';
import { startCapture } from '@/lib/operations/capture-image';
import { startDeployFromImage } from '@/lib/operations/deploy-image';
import { provisionInstance } from './provisioning';

const MiB = 1024 * 1024;
const actor = { id: 'u1', name: 'Tess Tester' };

describe.each(PROVIDERS)('images on %s', (provider) => {
  const env = setUpLocalServices(provider, 'Imaging');

  async function instanceWithData(label: string, stripes: ('random' | 'noise' | 'text' | 'hole')[], plan = 'small') {
    const instance = await provisionInstance(env.t.db, {
      accountId: env.accountId,
      teamId: env.teamId,
      label,
      region: 'eu-central',
      plan,
    });
    const primary = instance.disks.find((d) => d.kind === 'primary')!;
    const file = diskPath({ instanceId: instance.id, diskId: primary.id, region: 'eu-central' });
    await writeTestDisk(file, label.length, stripes);
    return { instance, primary, file };
  }
  const run = () => env.run();
  const finished = (jobId: string) => jobEnded(env.t.db, jobId, 60_000);
  const chunkFiles = async () =>
    (await fs.readdir(path.join(imageStoreDir(), 'chunks'), { recursive: true, withFileTypes: true })).filter((e) =>
      e.isFile(),
    ).length;

  it('captures a disk and deploys it byte for byte onto a bigger plan', async () => {
    const { instance, primary, file } = await instanceWithData('source-one', [
      'random',
      'text',
      'hole',
      'random',
      'text',
      'hole',
    ]);
    const { imageId, jobId } = await startCapture(env.t.db, actor, {
      instanceId: instance.id,
      diskId: primary.id,
      label: 'source-one-disk',
      description: '',
    });
    expect((await env.t.db.image.findUniqueOrThrow({ where: { id: imageId } })).status).toBe('creating');
    run();
    expect(await finished(jobId)).toMatchObject({ status: 'succeeded' });
    const image = await env.t.db.image.findUniqueOrThrow({ where: { id: imageId } });
    expect(image).toMatchObject({
      status: 'available',
      sizeBytes: BigInt(48 * MiB),
      dataBytes: BigInt(16 * MiB),
      createdByName: 'Tess Tester',
    });
    expect(image.digest).toBe(await digestOf(file));
    expect(Number(image.storedBytes)).toBeLessThan(8.5 * MiB); // two random stripes, text compresses to almost nothing

    const deploy = await startDeployFromImage(env.t.db, actor, {
      imageId,
      label: 'copy-one',
      teamId: env.teamId,
      region: 'us-east',
      plan: 'large',
    });
    expect((await env.t.db.instance.findUniqueOrThrow({ where: { id: deploy.instanceId } })).status).toBe(
      'provisioning',
    );
    expect(await finished(deploy.jobId)).toMatchObject({ status: 'succeeded' });
    const copy = await env.t.db.instance.findUniqueOrThrow({
      where: { id: deploy.instanceId },
      include: { disks: true },
    });
    expect(copy.status).toBe('running');
    const copyFile = diskPath({
      instanceId: copy.id,
      diskId: copy.disks.find((d) => d.kind === 'primary')!.id,
      region: 'us-east',
    });
    expect((await fs.stat(copyFile)).size).toBe(96 * MiB);
    expect(await digestOf(copyFile, 48 * MiB)).toBe(image.digest);
    expect((await fs.stat(copyFile)).blocks * 512).toBeLessThan(20 * MiB); // holes stayed holes
  });

  it("records an ext4 disk's used space as the image's data, and a copy deployed from it shows the same", async () => {
    const instance = await provisionInstance(env.t.db, {
      accountId: env.accountId,
      teamId: env.teamId,
      label: 'fs-source',
      region: 'eu-central',
      plan: 'small',
    });
    const primary = instance.disks.find((d) => d.kind === 'primary')!;
    const file = diskPath({ instanceId: instance.id, diskId: primary.id, region: 'eu-central' });
    await fillFilesystem(file, 20 * MiB, 5, 8 * MiB);
    const used = (await measureDiskFile(file)).usedBytes;
    run();
    const capture = await startCapture(env.t.db, actor, {
      instanceId: instance.id,
      diskId: primary.id,
      label: 'fs-source-disk',
      description: '',
    });
    expect(await finished(capture.jobId)).toMatchObject({ status: 'succeeded' });
    const image = await env.t.db.image.findUniqueOrThrow({ where: { id: capture.imageId } });
    expect(Number(image.dataBytes)).toBe(used);
    const deploy = await startDeployFromImage(env.t.db, actor, {
      imageId: image.id,
      label: 'fs-copy',
      teamId: env.teamId,
      region: 'eu-central',
      plan: 'large',
    });
    expect(await finished(deploy.jobId)).toMatchObject({ status: 'succeeded' });
    const copy = await env.t.db.disk.findFirstOrThrow({ where: { instanceId: deploy.instanceId, kind: 'primary' } });
    expect(copy).toMatchObject({ usedBytes: BigInt(used), basis: 'used', measuredBy: 'filesystem' });
    const copyFile = diskPath({ instanceId: deploy.instanceId, diskId: copy.id, region: 'eu-central' });
    expect((await checkExt4(copyFile)).ok).toBe(true);
  });

  it('stores nothing new when the same disk is captured again', async () => {
    const { instance, primary } = await instanceWithData('dedup-disk', ['random', 'text', 'random']);
    run();
    const first = await startCapture(env.t.db, actor, {
      instanceId: instance.id,
      diskId: primary.id,
      label: 'first',
      description: '',
    });
    await finished(first.jobId);
    const before = await chunkFiles();
    const second = await startCapture(env.t.db, actor, {
      instanceId: instance.id,
      diskId: primary.id,
      label: 'second',
      description: '',
    });
    await finished(second.jobId);
    expect(await chunkFiles()).toBe(before);
    expect((await env.t.db.image.findUniqueOrThrow({ where: { id: second.imageId } })).newBytes).toBe(0n);
  });

  it('refuses before anything starts: over the ceiling, at the image limit, or busy', async () => {
    const { instance, primary } = await instanceWithData('too-big', ['random', 'random', 'random']);
    await env.t.db.providerAccount.update({
      where: { id: env.accountId },
      data: { imageCeilingBytes: BigInt(8 * MiB) },
    });
    const counts = async () => [await env.t.db.image.count(), await env.t.db.job.count()];
    const before = await counts();
    await expect(
      startCapture(env.t.db, actor, { instanceId: instance.id, diskId: primary.id, label: 'nope', description: '' }),
    ).rejects.toThrow(/12 MiB|0\.0 GiB|over the/);
    await env.t.db.providerAccount.update({
      where: { id: env.accountId },
      data: { imageCeilingBytes: BigInt(6 * 1024 * MiB) },
    });

    const used = await env.t.db.image.count({ where: { status: { in: ['creating', 'available'] } } });
    await env.t.db.providerAccount.update({ where: { id: env.accountId }, data: { imageLimit: used } });
    const refusal = await startCapture(env.t.db, actor, {
      instanceId: instance.id,
      diskId: primary.id,
      label: 'nope',
      description: '',
    }).catch((e) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal.message).toContain(`${used} of ${used} images`);
    await env.t.db.providerAccount.update({ where: { id: env.accountId }, data: { imageLimit: 25 } });
    expect(await counts()).toEqual(before);

    await enqueueJob(env.t.db, {
      kind: 'image.gc',
      input: {},
      instanceId: instance.id,
      lockKey: instance.id,
      runAfter: new Date(Date.now() + 3_600_000),
    });
    await expect(
      startCapture(env.t.db, actor, { instanceId: instance.id, diskId: primary.id, label: 'busy', description: '' }),
    ).rejects.toThrow(/busy/);
    expect(await env.t.db.image.count({ where: { label: 'busy' } })).toBe(0);
  });

  it('catches a flipped byte in a stored chunk: the deploy fails and leaves no instance', async () => {
    const { instance, primary } = await instanceWithData('to-corrupt', ['text', 'random']);
    run();
    const { imageId, jobId } = await startCapture(env.t.db, actor, {
      instanceId: instance.id,
      diskId: primary.id,
      label: 'corrupt-me',
      description: '',
    });
    await finished(jobId);
    const manifest = JSON.parse(await fs.readFile(path.join(imageStoreDir(), 'manifests', `${imageId}.json`), 'utf8'));
    const hash: string = manifest.chunks.find((c: unknown) => c !== null);
    const chunkPath = (await fs.readdir(path.join(imageStoreDir(), 'chunks'), { recursive: true })).find((p) =>
      String(p).endsWith(hash),
    )!;
    const full = path.join(imageStoreDir(), 'chunks', String(chunkPath));
    const bytes = await fs.readFile(full);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    await fs.writeFile(full, bytes);

    const deploy = await startDeployFromImage(env.t.db, actor, {
      imageId,
      label: 'from-corrupt',
      teamId: env.teamId,
      region: 'eu-central',
      plan: 'small',
    });
    const job = await finished(deploy.jobId);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/chunk|digest|damaged|corrupt/i);
    expect(await env.t.db.instance.findUnique({ where: { id: deploy.instanceId } })).toBeNull();
  });

  it('deletes an image and frees the chunks no other image uses', async () => {
    const { instance, primary } = await instanceWithData('short-lived', ['random', 'random']);
    run();
    const { imageId, jobId } = await startCapture(env.t.db, actor, {
      instanceId: instance.id,
      diskId: primary.id,
      label: 'short-lived',
      description: '',
    });
    await finished(jobId);
    const before = await chunkFiles();
    await deleteImage(env.t.db, imageId);
    expect(await env.t.db.image.findUnique({ where: { id: imageId } })).toBeNull();
    expect(await manifestExists(imageStoreDir(), imageId)).toBe(false);
    const gc = await env.t.db.job.findFirstOrThrow({ where: { kind: 'image.gc', lockKey: `gc:${env.accountId}` } });
    await finished(gc.id);
    await waitFor(async () => (await chunkFiles()) === before - 2, 10_000);
  });

  it('loses nothing when the worker is killed mid-capture: never available early, then recovered', async () => {
    const stripes = Array.from({ length: 192 }, () => 'noise' as const);
    const { instance, primary, file } = await instanceWithData('killed-mid', stripes, 'huge');
    const { imageId, jobId } = await startCapture(env.t.db, actor, {
      instanceId: instance.id,
      diskId: primary.id,
      label: 'killed-mid',
      description: '',
    });
    // Killed once it has reported progress and before it is done: genuinely mid-capture.
    const mid = await killMidJob(env.t, jobId);
    expect(mid.bytesDone).toBeLessThan(mid.bytesTotal);
    expect((await env.t.db.image.findUniqueOrThrow({ where: { id: imageId } })).status).toBe('creating');
    env.start({ pollMs: 50, leaseMs: 2_000 });
    expect(await finished(jobId)).toMatchObject({ status: 'succeeded', attempts: 2 });
    const image = await env.t.db.image.findUniqueOrThrow({ where: { id: imageId } });
    expect(image.status).toBe('available');
    expect(image.digest).toBe(await digestOf(file));
  });

  it('keeps an image while an instance is being deployed from it', async () => {
    const image = await env.t.db.image.create({
      data: {
        ...{ accountId: env.accountId, teamId: env.teamId, label: 'in use', status: 'available', region: 'eu-central' },
        ...{ sourceInstanceLabel: 'web', sourceDiskLabel: 'primary' },
      },
    });
    const jobs = [
      await enqueueJob(env.t.db, { kind: 'image.deploy', input: { imageId: 'another image' } }),
      await enqueueJob(env.t.db, { kind: 'image.deploy', input: { imageId: image.id } }),
    ];
    await expect(deleteImage(env.t.db, image.id)).rejects.toMatchObject({ code: 'busy' });
    await env.t.db.job.delete({ where: { id: jobs[1].id } });
    // Inputs are JSON values now, read back as they were given.
    expect(jobs[0].input).toEqual({ imageId: 'another image' });
    await env.t.db.job.deleteMany({ where: { id: jobs[0].id } });
    await env.t.db.image.delete({ where: { id: image.id } });
  });
});
