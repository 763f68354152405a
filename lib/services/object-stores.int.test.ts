import fs from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type Worker } from '@/lib/jobs';
import { jobEnded, waitFor } from '@/tests/jobs';
import { diskPath } from '@/lib/providers/local';
import { imageStore, backupStore } from '@/lib/providers/stores';
import { ensureLocalAccount } from '@/lib/seed/demo';
import { listManifestIds, readManifest } from '@/lib/storage';
import { ensureSwift, stopSwift } from '@/scripts/swift/start.mjs';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { digestOf, writeTestDisk } from '@/tests/disks';
import { objectStoresByEnvironment } from '@/tests/object-store';
import { enableBackups } from './backups';
import { startBackup } from '@/lib/operations/backup';
import { startRestore } from '@/lib/operations/restore-backup';
import { startVerify } from '@/lib/operations/verify-backup';
import { deleteImage } from './images';
import { startCapture } from '@/lib/operations/capture-image';
import { startDeployFromImage } from '@/lib/operations/deploy-image';
import { provisionInstance } from './provisioning';

// The app's own jobs with the image store and a region's backup store on S3 (the loopback
// Swift), the backup store encrypted, configured the way an operator does: by environment.

const actor = { id: 'u1', name: 'Tess Tester' };

describe.each(PROVIDERS)('jobs on object stores, %s', (provider) => {
  let t: TestDatabase;
  let worker: Worker | null = null;
  let accountId: string;
  let teamId: string;
  let restoreEnv: (() => void) | undefined;

  beforeAll(async () => {
    restoreEnv = await objectStoresByEnvironment('lifeboat-app');
    t = await openAppDatabase(provider);
    accountId = (await ensureLocalAccount(t.db)).id;
    teamId = (await t.db.team.create({ data: { name: 'Objects' } })).id;
  }, 120_000);
  afterEach(async () => {
    await worker?.stop();
    worker = null;
  });
  afterAll(async () => {
    await ensureSwift({ quiet: true });
    restoreEnv?.();
    await closeAppDatabase(t);
  });

  const run = () => (worker ??= startWorker({ db: t.db, pollMs: 50, leaseMs: 5_000, backoffMs: 200 }));
  const finished = (jobId: string) => jobEnded(t.db, jobId, 90_000);

  async function instanceWithData(label: string, stripes: ('random' | 'text' | 'hole')[]) {
    const instance = await provisionInstance(t.db, { accountId, teamId, label, region: 'eu-central', plan: 'small' });
    const primary = instance.disks.find((d) => d.kind === 'primary')!;
    const file = diskPath({ instanceId: instance.id, diskId: primary.id, region: 'eu-central' });
    await writeTestDisk(file, label.length, stripes);
    return { instance, primary, file };
  }

  it('captures an image into S3, describes it there, and deploys it byte for byte', async () => {
    const { instance, primary, file } = await instanceWithData(`s3-source-${provider}`, [
      'random',
      'text',
      'hole',
      'random',
    ]);
    const { imageId, jobId } = await startCapture(t.db, actor, {
      instanceId: instance.id,
      diskId: primary.id,
      label: 'golden',
      description: 'from S3',
    });
    run();
    expect(await finished(jobId)).toMatchObject({ status: 'succeeded' });
    const image = await t.db.image.findUniqueOrThrow({ where: { id: imageId } });
    expect(image.digest).toBe(await digestOf(file));
    const store = await imageStore();
    expect(store.location).toMatch(/^s3:\/\//);
    const manifest = await readManifest(store, imageId);
    expect(manifest.about).toMatchObject({
      kind: 'image',
      label: 'golden',
      description: 'from S3',
      instance: { id: instance.id, region: 'eu-central' },
      team: { id: teamId, name: 'Objects' },
      createdBy: actor,
    });

    const deploy = await startDeployFromImage(t.db, actor, {
      imageId,
      label: `s3-copy-${provider}`,
      teamId,
      region: 'us-east',
      plan: 'small',
    });
    expect(await finished(deploy.jobId)).toMatchObject({ status: 'succeeded' });
    const copy = await t.db.instance.findUniqueOrThrow({ where: { id: deploy.instanceId }, include: { disks: true } });
    const copyFile = diskPath({
      instanceId: copy.id,
      diskId: copy.disks.find((d) => d.kind === 'primary')!.id,
      region: 'us-east',
    });
    expect(await digestOf(copyFile, Number(image.sizeBytes))).toBe(image.digest);
  });

  it('collects a deleted image once its chunks are older than the grace period', async () => {
    const { instance, primary } = await instanceWithData(`s3-gc-${provider}`, ['random', 'random']);
    const { imageId, jobId } = await startCapture(t.db, actor, {
      instanceId: instance.id,
      diskId: primary.id,
      label: 'short-lived',
      description: '',
    });
    run();
    expect(await finished(jobId)).toMatchObject({ status: 'succeeded' });
    await deleteImage(t.db, imageId);
    const gc = await waitFor(() => t.db.job.findFirst({ where: { kind: 'image.gc', status: 'succeeded' } }), 60_000);
    expect(gc).toBeTruthy();
    // Its chunks are minutes old, so they are kept now and a collection is queued for later.
    const later = await waitFor(
      () => t.db.job.findFirst({ where: { kind: 'image.gc', status: 'queued', lockKey: { startsWith: 'gc-later:' } } }),
      10_000,
    );
    expect(later.runAfter.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    await t.db.job.delete({ where: { id: later.id } });
  });

  it('backs up into an encrypted S3 store, verifies and restores', async () => {
    const { instance, file } = await instanceWithData(`s3-backed-${provider}`, ['text', 'random', 'hole']);
    await enableBackups(t.db, instance.id);
    const { backupId, jobId } = await startBackup(t.db, actor, instance.id, {
      kind: 'snapshot',
      label: 'before upgrade',
    });
    run();
    expect(await finished(jobId)).toMatchObject({ status: 'succeeded' });
    const store = await backupStore('eu-central');
    expect(store.keys).toBeDefined();
    expect((await readManifest(store, backupId)).about).toMatchObject({
      kind: 'backup',
      backup: { kind: 'snapshot' },
      instance: { id: instance.id },
    });
    const digest = await digestOf(file);
    const verify = await startVerify(t.db, actor, backupId);
    expect(await finished(verify.jobId)).toMatchObject({ status: 'succeeded' });
    expect(await t.db.backup.findUniqueOrThrow({ where: { id: backupId } })).toMatchObject({ damaged: false });
    await fs.writeFile(file, Buffer.alloc(1024, 7), { flag: 'r+' });
    const restore = await startRestore(t.db, actor, backupId, instance.id);
    expect(await finished(restore.jobId)).toMatchObject({ status: 'succeeded' });
    expect(await digestOf(file)).toBe(digest);
  });

  it('never shows an image as available when the object store stops mid-capture, and captures again once it is back', async () => {
    const { instance, primary, file } = await instanceWithData(`s3-fault-${provider}`, [
      'random',
      'random',
      'random',
      'random',
      'random',
      'random',
    ]);
    const { imageId, jobId } = await startCapture(t.db, actor, {
      instanceId: instance.id,
      diskId: primary.id,
      label: 'interrupted',
      description: '',
    });
    run();
    // Stop Swift once the capture holds its lease on the store (it is listing or uploading; the
    // storage tests stop it between chunk uploads).
    await waitFor(
      async () => (await t.db.storeLease.findFirst({ where: { kind: 'capture', id: { endsWith: imageId } } })) ?? null,
      60_000,
      5,
    );
    await stopSwift();
    const job = await finished(jobId);
    expect(job.status).toBe('failed');
    const image = await t.db.image.findUniqueOrThrow({ where: { id: imageId } });
    expect(image.status).toBe('failed');
    expect(image.failureReason).toBeTruthy();
    await ensureSwift({ quiet: true });
    expect(await listManifestIds(await imageStore())).not.toContain(imageId);
    const again = await startCapture(t.db, actor, {
      instanceId: instance.id,
      diskId: primary.id,
      label: 'after the outage',
      description: '',
    });
    expect(await finished(again.jobId)).toMatchObject({ status: 'succeeded' });
    expect((await t.db.image.findUniqueOrThrow({ where: { id: again.imageId } })).digest).toBe(await digestOf(file));
  }, 180_000);
});
