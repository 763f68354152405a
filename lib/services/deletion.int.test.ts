import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deleteInstanceAction } from '@/lib/actions/instances';
import { initialState } from '@/lib/actions/state';
import { backupStoreDir } from '@/lib/config/env';
import { readImages } from '@/lib/data/images';
import { enqueueJob, type Worker } from '@/lib/jobs';
import { jobEnded, testWorker } from '@/tests/jobs';
import { diskPath, instanceDir } from '@/lib/providers/local';
import { ensureLocalAccount } from '@/lib/seed/demo';
import { manifestExists } from '@/lib/storage';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '@/tests/databases';
import { writeTestDisk } from '@/tests/disks';
import { startFakeLinode, type FakeLinode } from '@/tests/linode-fake/server';
import { addBackup, restoreBackup } from '@/tests/linode-fake/state-backups';
import { addInstance } from '@/tests/linode-fake/state-instances';
import { createAccount } from './accounts';
import { enableBackups } from './backups';
import { startBackup, startSnapshot } from '@/lib/operations/backup';
import { startCapture } from '@/lib/operations/capture-image';
import { assignInstance } from './instances';
import { provisionInstance } from './provisioning';
import { syncAccount } from './sync';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { signInAs } from '@/tests/session';

// An instance is deleted with its exact label typed, by a member or admin of
// its team. Its disks and every backup of it go (files and manifests too); images of it stay.
// Refused, in words and with nothing changed, for a viewer, another team, a wrong label, or
// while a job runs on it or it is busy. On a Linode account the Linode itself is deleted.

vi.mock('next-auth', async (original) => (await import('@/tests/next-request')).nextAuth(await original()));
vi.mock('next/headers', async () => (await import('@/tests/next-request')).nextHeaders('192.0.2.9'));
vi.mock('next/cache', async () => (await import('@/tests/next-request')).nextCache);

const as = (id: string) => signInAs(id);
const remove = (instanceId: string, confirm: string) => deleteInstanceAction(initialState, { instanceId, confirm });
const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

/** The two teams and their people: a member and a viewer of the first, a member of the other, an admin. */
async function people(t: TestDatabase, teamId: string, otherTeamId: string) {
  await t.db.team.createMany({
    data: [
      { id: teamId, name: teamId[0].toUpperCase() + teamId.slice(1) },
      { id: otherTeamId, name: otherTeamId[0].toUpperCase() + otherTeamId.slice(1) },
    ],
  });
  const user = (id: string, isAdmin = false) =>
    t.db.user.create({ data: { id, email: `${id}@example.com`, name: id, passwordHash: 'x', isAdmin } });
  await Promise.all([user('admin', true), user('mia'), user('vic'), user('oli')]);
  await t.db.membership.createMany({
    data: [
      { userId: 'mia', teamId, role: 'member' },
      { userId: 'vic', teamId, role: 'viewer' },
      { userId: 'oli', teamId: otherTeamId, role: 'member' },
    ],
  });
}

describe.each(PROVIDERS)('deleting a local instance on %s', (provider) => {
  let t: TestDatabase;
  let worker: Worker;
  let accountId: string;
  const finished = (jobId: string) => jobEnded(t.db, jobId, 60_000);

  beforeAll(async () => {
    t = await openAppDatabase(provider);
    worker = testWorker(t.db);
    accountId = (await ensureLocalAccount(t.db)).id;
    await people(t, 'ops', 'web');
  });
  afterAll(async () => {
    await worker?.stop();
    await closeAppDatabase(t);
  });

  /** An instance with data, a snapshot, an automatic backup and an image of it. */
  async function doomed(label: string) {
    const actor = { id: 'mia', name: 'mia' };
    const instance = await provisionInstance(t.db, {
      accountId,
      teamId: 'ops',
      label,
      region: 'eu-central',
      plan: 'small',
    });
    const primary = instance.disks.find((d) => d.kind === 'primary')!;
    const files = instance.disks.map((d) => diskPath({ instanceId: instance.id, diskId: d.id, region: 'eu-central' }));
    await writeTestDisk(files[instance.disks.indexOf(primary)], label.length, ['text', 'random']);
    await enableBackups(t.db, instance.id);
    const snapshot = await startSnapshot(t.db, actor, instance.id, 'before');
    expect(await finished(snapshot.jobId)).toMatchObject({ status: 'succeeded' });
    const automatic = await startBackup(t.db, actor, instance.id, {
      kind: 'automatic',
      windowStart: new Date('2026-11-30T10:00:00Z'),
    });
    expect(await finished(automatic.jobId)).toMatchObject({ status: 'succeeded' });
    const capture = await startCapture(t.db, actor, {
      instanceId: instance.id,
      diskId: primary.id,
      label: `${label}-image`,
      description: '',
    });
    expect(await finished(capture.jobId)).toMatchObject({ status: 'succeeded' });
    const backups = await t.db.backup.findMany({ where: { instanceId: instance.id } });
    expect(backups.map((b) => b.kind).sort()).toEqual(['automatic', 'snapshot']);
    return { instance, files, backups, imageId: capture.imageId };
  }
  const lastEntry = () =>
    t.db.auditEntry.findFirstOrThrow({
      where: { action: 'instance.delete' },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
    });
  const intact = async (d: Awaited<ReturnType<typeof doomed>>) => {
    expect(await t.db.instance.findUnique({ where: { id: d.instance.id } })).not.toBeNull();
    expect(await t.db.backup.count({ where: { instanceId: d.instance.id } })).toBe(2);
    for (const file of d.files) expect(await exists(file)).toBe(true);
    for (const b of d.backups) expect(await manifestExists(backupStoreDir('eu-central'), b.id)).toBe(true);
  };

  it('deletes the disks, both backups and their manifests, keeps the image with its source shown as deleted, and audits it', async () => {
    const d = await doomed('short-lived');
    as('mia');
    const state = await remove(d.instance.id, 'short-lived');
    expect(state).toMatchObject({ ok: true, message: 'Instance short-lived deleted, with its disks and 2 backups.' });
    expect(await t.db.instance.findUnique({ where: { id: d.instance.id } })).toBeNull();
    expect(await t.db.disk.count({ where: { instanceId: d.instance.id } })).toBe(0);
    expect(await t.db.backup.count({ where: { instanceId: d.instance.id } })).toBe(0);
    for (const file of d.files) expect(await exists(file)).toBe(false);
    expect(await exists(instanceDir(d.instance.id, 'eu-central'))).toBe(false);
    for (const b of d.backups) expect(await manifestExists(backupStoreDir('eu-central'), b.id)).toBe(false);
    expect(await t.db.image.findUnique({ where: { id: d.imageId } })).toMatchObject({
      status: 'available',
      sourceInstanceId: null,
      sourceInstanceLabel: 'short-lived',
    });
    expect((await readImages()).images.find((i) => i.id === d.imageId)).toMatchObject({
      source: 'short-lived (deleted) / disk',
    });
    expect(await lastEntry()).toMatchObject({
      result: 'success',
      actorId: 'mia',
      teamId: 'ops',
      targetId: d.instance.id,
      targetLabel: 'short-lived',
      detail: '2 disk(s) and 2 backup(s) deleted; 1 image(s) of it kept.',
    });
    // The backup store's collection is queued and frees the chunks only those backups used.
    const gc = await t.db.job.findFirstOrThrow({ where: { kind: 'backup.gc' }, orderBy: { createdAt: 'desc' } });
    expect(await finished(gc.id)).toMatchObject({ status: 'succeeded' });
  });

  it('refuses a viewer, another team and a wrong label in words, changing nothing, audited under the team', async () => {
    const d = await doomed('keep-me');
    as('vic');
    expect(await remove(d.instance.id, 'keep-me')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Viewers can look/),
    });
    expect(await lastEntry()).toMatchObject({
      result: 'refused',
      actorId: 'vic',
      teamId: 'ops',
      targetLabel: 'keep-me',
    });
    as('oli');
    expect(await remove(d.instance.id, 'keep-me')).toMatchObject({
      ok: false,
      message: 'The instance was not found, or you do not have access to it.',
    });
    expect(await lastEntry()).toMatchObject({ result: 'refused', actorId: 'oli', teamId: null, targetLabel: '' });
    as('mia');
    for (const typed of ['keep-m', 'KEEP-ME', ' keep-me', '']) {
      expect(await remove(d.instance.id, typed)).toMatchObject({
        ok: false,
        message: "Type the instance's label, keep-me, to confirm.",
        errors: { confirm: expect.anything() },
      });
    }
    await intact(d);
  });

  it('refuses while a job is queued or running on it, or while it is busy, and deletes once it is free', async () => {
    const d = await doomed('in-use');
    const job = await enqueueJob(t.db, {
      kind: 'backup.verify',
      input: { backupId: d.backups[0].id },
      instanceId: d.instance.id,
      teamId: 'ops',
      runAfter: new Date(Date.now() + 3_600_000),
    });
    as('admin');
    expect(await remove(d.instance.id, 'in-use')).toMatchObject({
      ok: false,
      message: 'in-use is busy (Verify backup in progress). Wait for it to finish, or cancel the job, then delete it.',
    });
    expect(await lastEntry()).toMatchObject({ result: 'refused', actorId: 'admin', teamId: 'ops' });
    await t.db.job.update({ where: { id: job.id }, data: { status: 'cancelled', lockKey: null } });
    await t.db.instance.update({ where: { id: d.instance.id }, data: { status: 'restoring' } });
    expect(await remove(d.instance.id, 'in-use')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^in-use is busy \(restoring\)/),
    });
    await intact(d);
    await t.db.instance.update({ where: { id: d.instance.id }, data: { status: 'offline' } });
    expect(await remove(d.instance.id, 'in-use')).toMatchObject({ ok: true });
    expect(await t.db.instance.findUnique({ where: { id: d.instance.id } })).toBeNull();
  });

  it("leaves another team's instance and its disk files alone", async () => {
    const other = await provisionInstance(t.db, {
      accountId,
      teamId: 'web',
      label: 'bystander',
      region: 'eu-central',
      plan: 'small',
    });
    const d = await doomed('neighbour');
    as('mia');
    expect(await remove(d.instance.id, 'neighbour')).toMatchObject({ ok: true });
    expect(await t.db.instance.findUnique({ where: { id: other.id } })).not.toBeNull();
    for (const disk of other.disks)
      expect(await exists(diskPath({ instanceId: other.id, diskId: disk.id, region: 'eu-central' }))).toBe(true);
  });
});

describe.each(PROVIDERS)('deleting a Linode on %s', (provider) => {
  const TOKEN = 'delete-instance-token';
  let t: TestDatabase;
  let fake: FakeLinode;
  let accountId: string;

  beforeAll(async () => {
    process.env.LIFEBOAT_SECRET_KEY ??= 'delete instance test passphrase';
    t = await createTestDatabase(provider);
    (globalThis as { lifeboatDb?: unknown }).lifeboatDb = t.db;
    fake = await startFakeLinode({ token: TOKEN, logViolations: false });
    accountId = (await createAccount(t.db, { name: 'Linode', kind: 'linode', apiToken: TOKEN, apiBaseUrl: fake.url }))
      .id;
    await people(t, 'ops', 'web');
  });
  afterAll(async () => {
    await fake?.close();
    await t?.drop();
  });

  it('deletes the Linode through the API, its backups with it; a refusal leaves it in Linode', async () => {
    const linode = addInstance(fake.state, {
      label: 'old-box',
      region: 'us-east',
      type: 'g6-standard-1',
      backupsEnabled: true,
    });
    const daily = addBackup(fake.state, linode, 'auto', null);
    addBackup(fake.state, linode, 'snapshot', 'before');
    await syncAccount(t.db, accountId);
    const row = await t.db.instance.findFirstOrThrow({ where: { accountId, remoteId: String(linode.id) } });
    await assignInstance(t.db, row.id, 'ops');
    expect(await t.db.backup.count({ where: { instanceId: row.id } })).toBeGreaterThan(0);

    as('vic');
    expect(await remove(row.id, 'old-box')).toMatchObject({ ok: false });
    as('mia');
    expect(await remove(row.id, 'old-bo')).toMatchObject({ ok: false });
    expect(fake.state.instances.has(linode.id)).toBe(true);
    expect(fake.requests().some((r) => r.method === 'DELETE')).toBe(false);

    // A restore started in Linode's own console: Linode refuses, in its words, and nothing here changes.
    restoreBackup(fake.state, linode.id, daily.id, { linode_id: linode.id, overwrite: true });
    expect(await remove(row.id, 'old-box')).toMatchObject({ ok: false, message: expect.stringMatching(/Linode busy/) });
    expect(fake.state.instances.has(linode.id)).toBe(true);
    expect(await t.db.instance.findUnique({ where: { id: row.id } })).not.toBeNull();
    expect(
      await t.db.auditEntry.findFirst({
        where: { action: 'instance.delete' },
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
      }),
    ).toMatchObject({ result: 'refused', teamId: 'ops' });
    fake.settle();

    expect(await remove(row.id, 'old-box')).toMatchObject({ ok: true });
    expect(fake.state.instances.has(linode.id)).toBe(false);
    expect(fake.state.backups.has(linode.id)).toBe(false);
    expect(fake.state.disks.has(linode.id)).toBe(false);
    expect(fake.requests()).toContainEqual({ method: 'DELETE', path: `/linode/instances/${linode.id}`, status: 200 });
    expect(fake.state.events.at(-1)).toMatchObject({ action: 'linode_delete', entity: { id: linode.id } });
    expect(await t.db.instance.findUnique({ where: { id: row.id } })).toBeNull();
    expect(await t.db.backup.count({ where: { instanceId: row.id } })).toBe(0);
    // Read in again, the account has no such Linode any more.
    await syncAccount(t.db, accountId);
    expect(await t.db.instance.count({ where: { accountId, label: 'old-box' } })).toBe(0);
    expect(fake.violations()).toEqual([]);
  });
});
