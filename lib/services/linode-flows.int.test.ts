import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type Worker } from '@/lib/jobs';
import { registerOperations } from '@/lib/operations';
import { jobEnded } from '@/tests/jobs';
import { startFakeLinode, type FakeLinode } from '@/tests/linode-fake/server';
import { addInstance } from '@/tests/linode-fake/state-instances';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '@/tests/databases';
import { createAccount } from './accounts';
import { enableBackups, cancelBackups, updateSchedule } from './backups';
import { startDeployFromBackup } from '@/lib/operations/deploy-backup';
import { startRestore } from '@/lib/operations/restore-backup';
import { startSnapshot } from '@/lib/operations/backup';
import { startVerify } from '@/lib/operations/verify-backup';
import { capturePreflight, deleteImage, updateImage } from './images';
import { startCapture } from '@/lib/operations/capture-image';
import { startDeployFromImage } from '@/lib/operations/deploy-image';
import { assignByTag } from './instances';
import { syncAccount } from './sync';
import { runSchedulerTick } from '@/lib/operations/scheduler';
import { providerFor } from '@/lib/providers';
import { diskRef } from '@/lib/providers/refs';

// The Linode provider end to end below the UI: a real database, the job worker, and the stateful
// fake Linode API (every response checked against the official spec). Each flow starts through
// the same service the server action calls and ends with Lifeboat's rows and Linode's state agreeing.

const TOKEN = 'linode-flows-token';
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const actor = { id: 'u1', name: 'Lin Ode' };

describe.each(PROVIDERS)('Linode flows on %s', (provider) => {
  let t: TestDatabase;
  let fake: FakeLinode;
  let accountId: string;
  let teamId: string;
  let worker: Worker | null = null;

  beforeAll(async () => {
    process.env.LIFEBOAT_SECRET_KEY ??= 'linode flows test passphrase';
    process.env.LIFEBOAT_LINODE_POLL_MS = '20';
    t = await createTestDatabase(provider);
    registerOperations();
    fake = await startFakeLinode({ token: TOKEN, logViolations: false });
    accountId = (await createAccount(t.db, { name: 'Linode', kind: 'linode', apiToken: TOKEN, apiBaseUrl: fake.url }))
      .id;
    teamId = (await t.db.team.create({ data: { name: 'Web' } })).id;
    worker = startWorker({ db: t.db, pollMs: 30, leaseMs: 5_000, backoffMs: 50 });
  });
  afterEach(() => {
    expect(fake.violations()).toEqual([]);
  });
  afterAll(async () => {
    await worker?.stop();
    await fake?.close();
    await t?.drop();
  });

  const finished = (jobId: string) => jobEnded(t.db, jobId, 30_000);
  /** Starts the capture of an instance's primary disk. */
  const capturePrimary = (of: { id: string; disks: { id: string; kind: string }[] }, label: string, description = '') =>
    startCapture(t.db, actor, {
      instanceId: of.id,
      diskId: of.disks.find((d) => d.kind === 'primary')!.id,
      label,
      description,
    });
  const instance = (label: string) =>
    t.db.instance.findFirstOrThrow({
      where: { label },
      include: { disks: { orderBy: { label: 'asc' } }, backups: true, tags: { orderBy: { tag: 'asc' } } },
    });
  const remote = (label: string) => [...fake.state.instances.values()].find((i) => i.label === label)!;

  it('reads the account in: instances unassigned (admins only), disks at their allocated size, backups in their slots', async () => {
    const result = await syncAccount(t.db, accountId);
    expect(result).toMatchObject({ instances: 3, removed: 0 });
    const holding = await t.db.team.findUniqueOrThrow({ where: { holdsAccountId: accountId } });
    expect(holding.name).toBe('Unassigned (Linode)');
    expect(await t.db.membership.count({ where: { teamId: holding.id } })).toBe(0);
    const web1 = await instance('web-1');
    expect(web1).toMatchObject({
      teamId: holding.id,
      remoteId: String(remote('web-1').id),
      region: 'us-east',
      plan: 'g6-standard-1',
      status: 'running',
    });
    expect(web1.tags.map((t) => t.tag)).toEqual(['prod', 'web']);
    expect(web1).toMatchObject({
      backupsEnabled: true,
      backupDay: 'Saturday',
      backupWindow: 'W10',
      primaryUsedBytes: BigInt(25 * GiB),
    });
    expect(web1.disks.map((d) => [d.kind, Number(d.sizeBytes) / MiB, d.usedBytes === d.sizeBytes])).toEqual(
      expect.arrayContaining([
        ['primary', 25_600, true],
        ['swap', 512, true],
      ]),
    );
    expect(web1.backups.map((b) => b.slot).sort()).toEqual(['daily', 'weekly']);
    // A second sync changes nothing and adds nothing.
    await syncAccount(t.db, accountId);
    expect(await t.db.instance.count()).toBe(3);
    expect(await t.db.backup.count()).toBe(2);
    expect(await t.db.instanceTag.count()).toBe(4);
  });

  it("the scheduler leaves Linode's backups to Linode, and reads the account again every five minutes", async () => {
    const now = new Date();
    // web-1 has backups on: a local instance would get its automatic backup in its window here.
    const tick = await runSchedulerTick(t.db, now);
    expect(tick).toMatchObject({ started: [], missed: [], syncs: 0 });
    expect(await t.db.backup.count({ where: { createdByName: 'Scheduler' } })).toBe(0);
    const later = await runSchedulerTick(t.db, new Date(now.getTime() + 6 * 60_000));
    expect(later.syncs).toBe(1);
    const sync = await t.db.job.findFirstOrThrow({ where: { kind: 'account.sync' }, orderBy: { createdAt: 'desc' } });
    expect(await finished(sync.id)).toMatchObject({ status: 'succeeded' });
  });

  it('assigns by tag: every instance tagged "web" goes to the team, the rest stay unassigned', async () => {
    const { moved } = await assignByTag(t.db, accountId, 'web', teamId);
    expect(moved).toEqual(['web-1', 'web-2']);
    expect((await instance('db-1')).teamId).not.toBe(teamId);
    expect((await instance('web-1')).backups.every((b) => b.teamId === teamId)).toBe(true);
    await expect(assignByTag(t.db, accountId, 'we', teamId)).rejects.toMatchObject({ field: 'tag' });
  });

  it('keeps a tag rule: an instance that appears later with the tag goes straight to the team', async () => {
    const addBatchInstance = (label: string) =>
      addInstance(fake.state, {
        label,
        region: 'eu-west',
        type: 'g6-nanode-1',
        tags: ['batch'],
        mainDiskMB: 25_600,
        usedMB: 900,
      });
    const ops = (await t.db.team.create({ data: { name: 'Ops' } })).id;
    const { moved } = await assignByTag(t.db, accountId, 'batch', ops, { remember: true });
    expect(moved).toEqual([]); // nothing has the tag yet: the rule waits for one
    addBatchInstance('batch-1');
    await syncAccount(t.db, accountId);
    expect((await instance('batch-1')).teamId).toBe(ops);
    // Without the rule, the next one waits for an admin like any other.
    await t.db.tagRule.deleteMany({ where: { tag: 'batch' } });
    addBatchInstance('batch-2');
    await syncAccount(t.db, accountId);
    expect((await instance('batch-2')).teamId).toBe(
      (await t.db.team.findUniqueOrThrow({ where: { holdsAccountId: accountId } })).id,
    );
    for (const label of ['batch-1', 'batch-2']) {
      const r = remote(label);
      fake.state.instances.delete(r.id);
      fake.state.disks.delete(r.id);
    }
    await syncAccount(t.db, accountId);
  });

  it('captures an image: allocated size does not block it, Linode reports the data size', async () => {
    const web1 = await instance('web-1');
    const primary = web1.disks.find((d) => d.kind === 'primary')!;
    const pre = await capturePreflight(t.db, web1.id, primary.id);
    expect(pre.measured).toMatchObject({ basis: 'allocated', usedBytes: 25 * GiB });
    expect(pre.check).toEqual({ ok: true });
    const { imageId, jobId } = await capturePrimary(web1, 'web-1-golden', 'before the upgrade');
    const job = await finished(jobId);
    expect(job).toMatchObject({ status: 'succeeded' });
    expect(JSON.stringify(job.log)).toContain('disk_imagize');
    const image = await t.db.image.findUniqueOrThrow({ where: { id: imageId } });
    expect(image).toMatchObject({ status: 'available', teamId, dataBytes: BigInt(2_100 * MiB) });
    expect(fake.state.images.get(image.remoteId!)).toMatchObject({
      label: 'web-1-golden',
      description: 'before the upgrade',
      status: 'available',
    });
  });

  it('a capture whose worker died after Linode accepted it is resumed, not started twice', async () => {
    const web1 = await instance('web-1');
    const primary = web1.disks.find((d) => d.kind === 'primary')!;
    const account = await t.db.providerAccount.findUniqueOrThrow({ where: { id: accountId } });
    const linode = providerFor(account);
    const disk = diskRef(web1, primary);
    let stored: string | undefined;
    // The first attempt "dies" right after the id is stored: the image is still creating in Linode.
    await expect(
      linode.captureImage(
        disk,
        { id: 'resume-test', label: 'resumed' },
        {
          onRemoteId: async (id) => {
            stored = id;
            throw new Error('worker killed');
          },
        },
      ),
    ).rejects.toThrow('worker killed');
    expect(fake.state.images.get(stored!)).toMatchObject({ status: 'creating' });
    const captured = await linode.captureImage(disk, { id: 'resume-test', label: 'resumed', remoteId: stored });
    expect(captured.remoteId).toBe(stored);
    expect([...fake.state.images.values()].filter((i) => i.label === 'resumed')).toHaveLength(1);
    await linode.deleteImage({ id: 'resume-test', remoteId: stored });
  });

  it('a capture the API refuses fails with its reason on the field, and leaves no image', async () => {
    const web2 = await instance('web-2');
    fake.faults.refuseCapture('Disk is busy with another operation.', 'disk_id');
    const { imageId, jobId } = await capturePrimary(web2, 'web-2-refused');
    expect(await finished(jobId)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('Disk is busy with another operation.'),
    });
    expect(await t.db.image.findUniqueOrThrow({ where: { id: imageId } })).toMatchObject({
      status: 'failed',
      remoteId: null,
    });
  });

  it('a disk holding more than Linode allows fails in Linode, and the half-made image is gone on both sides', async () => {
    const db1 = await instance('db-1');
    const primary = db1.disks.find((d) => d.kind === 'primary')!;
    fake.state.usedMB.set(Number(primary.remoteId), 7_000);
    const { imageId, jobId } = await capturePrimary(db1, 'db-1-too-big');
    const job = await finished(jobId);
    expect(job).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('Image would be 7000 MB; the limit is 6144 MB.'),
    });
    const image = await t.db.image.findUniqueOrThrow({ where: { id: imageId } });
    expect(image.status).toBe('failed');
    expect(fake.state.images.has(image.remoteId!)).toBe(false);
  });

  it('renames and deletes an image in Linode too', async () => {
    const image = await t.db.image.findFirstOrThrow({ where: { label: 'web-1-golden' } });
    await updateImage(t.db, image.id, { label: 'web-1-gold', description: '' });
    expect(fake.state.images.get(image.remoteId!)).toMatchObject({ label: 'web-1-gold', description: null });
    // Kept for the deploy below: delete a second image instead.
    const web1 = await instance('web-1');
    const { imageId, jobId } = await capturePrimary(web1, 'throwaway');
    await finished(jobId);
    const throwaway = await t.db.image.findUniqueOrThrow({ where: { id: imageId } });
    await deleteImage(t.db, imageId);
    expect(fake.state.images.has(throwaway.remoteId!)).toBe(false);
    expect(await t.db.image.findUnique({ where: { id: imageId } })).toBeNull();
  });

  it('takes a snapshot, sets the schedule, and turns the service on and off in Linode', async () => {
    const web1 = await instance('web-1');
    const started = await startSnapshot(t.db, actor, web1.id, 'pre-deploy');
    expect(await finished(started.jobId)).toMatchObject({ status: 'succeeded' });
    const snapshot = await t.db.backup.findUniqueOrThrow({ where: { id: started.backupId } });
    expect(snapshot).toMatchObject({ status: 'successful', slot: 'snapshot', label: 'pre-deploy' });
    expect(fake.state.backups.get(remote('web-1').id)!.snapshot.current).toMatchObject({
      id: Number(snapshot.remoteId),
      label: 'pre-deploy',
    });

    await updateSchedule(t.db, web1.id, 'Monday', 'W4');
    expect(remote('web-1').backups.schedule).toEqual({ day: 'Monday', window: 'W4' });

    const web2 = await instance('web-2');
    await enableBackups(t.db, web2.id);
    expect(remote('web-2').backups.enabled).toBe(true);
    await cancelBackups(t.db, web2.id);
    expect(remote('web-2').backups.enabled).toBe(false);
    expect((await instance('web-2')).backupsEnabled).toBe(false);

    await expect(startVerify(t.db, actor, snapshot.id)).rejects.toMatchObject({
      message: expect.stringContaining('cannot be verified'),
    });
  });

  it('restores a backup onto another instance of the region, whose disks Linode replaced', async () => {
    const web1 = await instance('web-1');
    const web2 = await instance('web-2');
    const before = web2.disks.map((d) => d.remoteId);
    const backup = web1.backups.find((b) => b.slot === 'daily')!;
    const { jobId } = await startRestore(t.db, actor, backup.id, web2.id);
    expect(await finished(jobId)).toMatchObject({ status: 'succeeded' });
    const after = await instance('web-2');
    expect(after.disks.map((d) => d.remoteId)).not.toEqual(before);
    expect(after.status).toBe('offline'); // Linode leaves a restored instance powered off
    await expect(startRestore(t.db, actor, backup.id, (await instance('db-1')).id)).rejects.toMatchObject({
      field: 'targetInstanceId',
    });
  });

  it('deploys new instances from an image (with a root password) and from a backup', async () => {
    const image = await t.db.image.findFirstOrThrow({ where: { label: 'web-1-gold' } });
    const web3Input = { imageId: image.id, label: 'web-3', teamId, region: 'us-east' };
    await expect(startDeployFromImage(t.db, actor, { ...web3Input, plan: 'g6-standard-1' })).rejects.toMatchObject({
      field: 'rootPassword',
    });
    await expect(
      startDeployFromImage(t.db, actor, { ...web3Input, plan: 'no-such-plan', rootPassword: 'x' }),
    ).rejects.toMatchObject({ field: 'plan' });
    const fromImage = await startDeployFromImage(t.db, actor, {
      ...web3Input,
      plan: 'g6-standard-1',
      rootPassword: 'correct-horse-battery',
    });
    const job = await finished(fromImage.jobId);
    expect(job).toMatchObject({ status: 'succeeded' });
    expect(JSON.stringify(job)).not.toContain('correct-horse-battery');
    const web3 = await instance('web-3');
    expect(web3).toMatchObject({ status: 'running', teamId, remoteId: String(remote('web-3').id) });
    expect(web3.disks.every((d) => d.remoteId)).toBe(true);

    const backup = (await instance('web-1')).backups.find((b) => b.slot === 'snapshot')!;
    const fromBackup = await startDeployFromBackup(t.db, actor, {
      backupId: backup.id,
      label: 'web-4',
      teamId,
      plan: 'g6-standard-2',
    });
    expect(await finished(fromBackup.jobId)).toMatchObject({ status: 'succeeded' });
    expect(await instance('web-4')).toMatchObject({
      status: 'running',
      region: 'us-east',
      remoteId: String(remote('web-4').id),
    });
  });

  it('rides out a 429 and a 5xx on reads, and says plainly when the token is refused', async () => {
    fake.faults.failNext(1, 429, 0);
    fake.faults.failNext(1, 503);
    await syncAccount(t.db, accountId);
    expect(fake.requests().some((r) => r.status === 429)).toBe(true);
    expect(fake.requests().some((r) => r.status === 503)).toBe(true);

    const wrong = await t.db.providerAccount.create({
      data: {
        name: 'Linode revoked',
        kind: 'linode',
        apiBaseUrl: fake.url,
        apiTokenEncrypted: (await import('@/lib/crypto/secrets')).encryptSecret('revoked-token'),
      },
    });
    // Linode's 401 leaves the provider as a refusal, which keeps it as its cause.
    await expect(syncAccount(t.db, wrong.id)).rejects.toMatchObject({
      name: 'ProviderRefusal',
      cause: { status: 401 },
    });
    expect((await t.db.providerAccount.findUniqueOrThrow({ where: { id: wrong.id } })).syncError).toBe(
      "Linode refused the API token (401). Check the token in the provider account's settings.",
    );
  });

  it('removes instances gone from Linode at the next sync', async () => {
    const web4 = remote('web-4');
    fake.state.instances.delete(web4.id);
    fake.state.disks.delete(web4.id);
    expect(await syncAccount(t.db, accountId)).toMatchObject({ removed: 1 });
    expect(await t.db.instance.findFirst({ where: { label: 'web-4' } })).toBeNull();
  });
});
