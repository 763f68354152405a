import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type Worker } from '@/lib/jobs';
import { jobEnded } from '@/tests/jobs';
import { diskPath } from '@/lib/providers/local';
import { imageStore, backupStore } from '@/lib/providers/stores';
import { ensureLocalAccount } from '@/lib/seed/demo';
import { captureDisk } from '@/lib/storage';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { setTestCatalog } from '@/tests/catalog';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { digestOf, writeTestDisk } from '@/tests/disks';
import { objectStoresByEnvironment, swiftCredentials } from '@/tests/object-store';
import { enableBackups } from './backups';
import { startBackup } from '@/lib/operations/backup';
import { startDeployFromBackup } from '@/lib/operations/deploy-backup';
import { startCapture } from '@/lib/operations/capture-image';
import { startDeployFromImage } from '@/lib/operations/deploy-image';
import { provisionInstance } from './provisioning';
import { checkStores } from './store-check';
import { rebuildFromStores } from './store-recovery';

// Disaster recovery: a Lifeboat loses its database and its local folders; a fresh one on the
// same object stores rebuilds its rows from the manifests and deploys from what it recovered.

const actor = { id: 'u1', name: 'Tess Tester' };
const globals = globalThis as { lifeboatDb?: unknown };

describe.each(PROVIDERS)('rebuilding from the stores, %s', (provider) => {
  let lost: TestDatabase;
  let fresh: TestDatabase;
  let worker: Worker | null = null;
  let restoreEnv: (() => void) | undefined;
  const was: {
    imageId?: string;
    backupId?: string;
    imageDigest?: string;
    backupDigest?: string;
    teamId?: string;
    instanceId?: string;
  } = {};

  beforeAll(async () => {
    restoreEnv = await objectStoresByEnvironment('lifeboat-dr');
    lost = await openAppDatabase(provider);
  }, 120_000);
  afterEach(async () => {
    await worker?.stop();
    worker = null;
  });
  afterAll(async () => {
    restoreEnv?.();
    await lost?.drop();
    await closeAppDatabase(fresh);
  });

  const finished = (t: TestDatabase, jobId: string) => jobEnded(t.db, jobId, 90_000);

  it('captures an image and a backup on the Lifeboat that will be lost', async () => {
    worker = startWorker({ db: lost.db, pollMs: 50, leaseMs: 5_000 });
    const accountId = (await ensureLocalAccount(lost.db)).id;
    const team = await lost.db.team.create({ data: { name: 'Rescued' } });
    const instance = await provisionInstance(lost.db, {
      accountId,
      teamId: team.id,
      label: 'db-main',
      region: 'eu-central',
      plan: 'small',
      backupsEnabled: true,
    });
    await enableBackups(lost.db, instance.id);
    const primary = instance.disks.find((d) => d.kind === 'primary')!;
    const file = diskPath({ instanceId: instance.id, diskId: primary.id, region: 'eu-central' });
    await writeTestDisk(file, 7, ['random', 'text', 'hole', 'random']);
    const image = await startCapture(lost.db, actor, {
      instanceId: instance.id,
      diskId: primary.id,
      label: 'db-golden',
      description: 'before the fire',
    });
    expect(await finished(lost, image.jobId)).toMatchObject({ status: 'succeeded' });
    await writeTestDisk(file, 8, ['text', 'random']);
    const backup = await startBackup(lost.db, actor, instance.id, { kind: 'snapshot', label: 'nightly by hand' });
    expect(await finished(lost, backup.jobId)).toMatchObject({ status: 'succeeded' });
    Object.assign(was, { imageId: image.imageId, backupId: backup.backupId, teamId: team.id, instanceId: instance.id });
    was.imageDigest = (await lost.db.image.findUniqueOrThrow({ where: { id: image.imageId } })).digest!;
    was.backupDigest = (await lost.db.backup.findUniqueOrThrow({ where: { id: backup.backupId } })).digest!;
    // A manifest written without a record (as before stores described themselves) is an orphan.
    await captureDisk(await imageStore(), file, 'undescribed');
  });

  it('loses the database and the local folders; a fresh Lifeboat rebuilds, reports the orphan, and is idempotent', async () => {
    await worker?.stop();
    worker = null;
    await fs.rm(path.join(lost.dataDir, 'regions'), { recursive: true, force: true });
    fresh = await openAppDatabase(provider);
    expect(globals.lifeboatDb).toBe(fresh.db);
    expect(await fresh.db.image.count()).toBe(0);

    const reports = await rebuildFromStores(fresh.db);
    const images = reports.find((r) => r.scope === 'images')!;
    const backups = reports.find((r) => r.scope === 'backups:eu-central')!;
    expect(images).toMatchObject({
      manifests: 2,
      recovered: { images: 1, teams: 1 },
      orphans: [{ id: 'undescribed', why: expect.stringMatching(/before images and backups described themselves/) }],
    });
    expect(backups).toMatchObject({ manifests: 1, recovered: { backups: 1, instances: 1 }, orphans: [] });
    expect(reports.every((r) => !r.error)).toBe(true);

    const image = await fresh.db.image.findUniqueOrThrow({ where: { id: was.imageId } });
    expect(image).toMatchObject({
      status: 'available',
      label: 'db-golden',
      description: 'before the fire',
      teamId: was.teamId,
      digest: was.imageDigest,
      createdByName: 'Tess Tester',
    });
    expect(await fresh.db.team.findUniqueOrThrow({ where: { id: was.teamId } })).toMatchObject({ name: 'Rescued' });
    const backup = await fresh.db.backup.findUniqueOrThrow({ where: { id: was.backupId } });
    expect(backup).toMatchObject({
      status: 'successful',
      kind: 'snapshot',
      slot: 'snapshot',
      label: 'nightly by hand',
      digest: was.backupDigest,
      instanceId: was.instanceId,
    });
    expect(await fresh.db.instance.findUniqueOrThrow({ where: { id: was.instanceId } })).toMatchObject({
      label: 'db-main',
      status: 'offline',
    });

    const again = await rebuildFromStores(fresh.db);
    expect(again.find((r) => r.scope === 'images')).toMatchObject({ alreadyKnown: 1, recovered: { images: 0 } });
    expect(again.find((r) => r.scope === 'backups:eu-central')).toMatchObject({
      alreadyKnown: 1,
      recovered: { backups: 0 },
    });
  });

  it('deploys from the recovered image and from the recovered backup, digests equal', async () => {
    setTestCatalog(fresh.dataDir);
    worker = startWorker({ db: fresh.db, pollMs: 50, leaseMs: 5_000 });
    const fromImage = await startDeployFromImage(fresh.db, actor, {
      imageId: was.imageId!,
      label: 'db-from-image',
      teamId: was.teamId!,
      region: 'eu-central',
      plan: 'small',
    });
    expect(await finished(fresh, fromImage.jobId)).toMatchObject({ status: 'succeeded' });
    const fromBackup = await startDeployFromBackup(fresh.db, actor, {
      backupId: was.backupId!,
      label: 'db-from-backup',
      teamId: was.teamId!,
      plan: 'small',
    });
    expect(await finished(fresh, fromBackup.jobId)).toMatchObject({ status: 'succeeded' });
    for (const [id, digest] of [
      [fromImage.instanceId, was.imageDigest],
      [fromBackup.instanceId, was.backupDigest],
    ] as const) {
      const instance = await fresh.db.instance.findUniqueOrThrow({ where: { id }, include: { disks: true } });
      const primary = instance.disks.find((d) => d.kind === 'primary')!;
      const image = await fresh.db.image.findUniqueOrThrow({ where: { id: was.imageId } });
      expect(
        await digestOf(diskPath({ instanceId: id, diskId: primary.id, region: 'eu-central' }), Number(image.sizeBytes)),
      ).toBe(digest);
    }
  });

  it('checks the stores: clean, then names a missing chunk', async () => {
    const clean = await checkStores(fresh.db);
    expect(clean.flatMap((r) => r.problems)).toEqual([]);
    const store = await backupStore('eu-central');
    const [name] = (await store.backend.chunkSizes()).keys();
    const raw = (await import('@/lib/storage/objects')).openObjectStore(
      process.env.BACKUP_STORE_EU_CENTRAL!,
      swiftCredentials,
    );
    await raw.delete([`chunks/${name.slice(0, 2)}/${name}`]);
    const broken = await checkStores(fresh.db);
    expect(broken.find((r) => r.scope === 'backups:eu-central')!.problems).toEqual([
      expect.stringMatching(new RegExp(`Manifest ${was.backupId} names 1 chunk\\(s\\) the store does not have`)),
    ]);
  });
});
