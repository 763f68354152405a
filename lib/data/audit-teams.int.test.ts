import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deployBackupAction, bulkEnableBackupsAction, restoreAction } from '@/lib/actions/backups';
import { deployImageAction } from '@/lib/actions/images';
import { assignInstanceAction } from '@/lib/actions/instances';
import { initialState, type ActionState } from '@/lib/actions/state';
import { imageStoreDir } from '@/lib/config/env';
import { type Worker } from '@/lib/jobs';
import { jobEnded, testWorker } from '@/tests/jobs';
import { diskPath } from '@/lib/providers/local';
import { ensureLocalAccount } from '@/lib/seed/demo';
import { parseAuditQuery } from '@/lib/schemas/audit';
import { listAudit } from '@/lib/services/audit';
import { enableBackups } from '@/lib/services/backups';
import { startSnapshot } from '@/lib/operations/backup';
import { startCapture } from '@/lib/operations/capture-image';
import { provisionInstance } from '@/lib/services/provisioning';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { writeTestDisk } from '@/tests/disks';
import { readAuditLog } from './audit';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { signInAs } from '@/tests/session';

// An audit entry a team can read never names another team's resource. Ann is
// a member of both teams and moves things between them (an image and a backup of Alpha deployed
// into Bravo, Alpha's backup restored onto Bravo's instance, a damaged image's deploy failing,
// an admin moving an instance, backups enabled across both); Val views only Alpha, Bob only Bravo.

vi.mock('next-auth', async (original) => ({ ...(await original<typeof import('next-auth')>()), getServerSession: async () => (await import('@/tests/session')).testSession() }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-lifeboat-client': '192.0.2.8' }), cookies: async () => new Map() }));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const as = (id: string) => signInAs(id);
const text = (rows: unknown) => JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));

describe.each(PROVIDERS)('audit entries across teams on %s', (provider) => {
  let t: TestDatabase;
  let worker: Worker;
  // What each team owns at the end; the other team's log must not name any of it.
  const alphaOwns: string[] = ['Alpha'];
  const bravoOwns: string[] = ['Bravo'];

  const finished = (jobId: string) => jobEnded(t.db, jobId, 60_000);
  async function act(fn: (prev: ActionState, input: Record<string, unknown>) => Promise<ActionState>, input: Record<string, unknown>) {
    const state = await fn(initialState, input);
    expect(state, state.message).toMatchObject({ ok: true });
    return state.data as { instanceId: string; jobId: string };
  }

  beforeAll(async () => {
    t = await openAppDatabase(provider);
    worker = testWorker(t.db);
    const accountId = (await ensureLocalAccount(t.db)).id;
    const user = (id: string, isAdmin = false) => t.db.user.create({ data: { id, email: `${id}@example.com`, name: id, passwordHash: 'x', isAdmin } });
    await Promise.all([user('admin', true), user('ann'), user('val'), user('bob')]);
    await t.db.team.createMany({ data: [{ id: 'alpha', name: 'Alpha' }, { id: 'bravo', name: 'Bravo' }] });
    await t.db.membership.createMany({
      data: [
        { userId: 'ann', teamId: 'alpha', role: 'member' },
        { userId: 'ann', teamId: 'bravo', role: 'member' },
        { userId: 'val', teamId: 'alpha', role: 'viewer' },
        { userId: 'bob', teamId: 'bravo', role: 'viewer' },
      ],
    });
    const ann = { id: 'ann', name: 'ann' };
    const instance = async (teamId: string, label: string) => {
      const made = await provisionInstance(t.db, { accountId, teamId, label, region: 'eu-central', plan: 'small' });
      const primary = made.disks.find((d) => d.kind === 'primary')!;
      await writeTestDisk(diskPath({ instanceId: made.id, diskId: primary.id, region: 'eu-central' }), label.length, ['text', 'random']);
      (teamId === 'alpha' ? alphaOwns : bravoOwns).push(made.id, label);
      return { ...made, primary };
    };
    const source = await instance('alpha', 'alpha-source');
    const capture = async (from: typeof source, label: string) => {
      const { imageId, jobId } = await startCapture(t.db, ann, { instanceId: from.id, diskId: from.primary.id, label, description: '' });
      expect(await finished(jobId)).toMatchObject({ status: 'succeeded' });
      alphaOwns.push(imageId, label);
      return imageId;
    };
    const imageId = await capture(source, 'alpha-golden');
    // Another disk (other data), so the damaged chunk is the damaged image's alone.
    const damagedId = await capture(await instance('alpha', 'alpha-other-source'), 'alpha-cracked');
    await enableBackups(t.db, source.id);
    const snap = await startSnapshot(t.db, ann, source.id, 'alpha-snap');
    expect(await finished(snap.jobId)).toMatchObject({ status: 'succeeded' });
    const backup = await t.db.backup.findFirstOrThrow({ where: { instanceId: source.id, status: 'successful' } });
    alphaOwns.push(backup.id);

    // A flipped byte in one of the damaged image's chunks, so its deploy fails in the job.
    const manifest = JSON.parse(await fs.readFile(path.join(imageStoreDir(), 'manifests', `${damagedId}.json`), 'utf8'));
    const golden = await fs.readFile(path.join(imageStoreDir(), 'manifests', `${imageId}.json`), 'utf8');
    const own: string = manifest.chunks.find((c: string | null) => c !== null && !golden.includes(c));
    const chunkPath = (await fs.readdir(path.join(imageStoreDir(), 'chunks'), { recursive: true })).find((p) => String(p).endsWith(own))!;
    const full = path.join(imageStoreDir(), 'chunks', String(chunkPath));
    const bytes = await fs.readFile(full);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    await fs.writeFile(full, bytes);

    as('ann');
    const fromImage = await act(deployImageAction, { imageId, label: 'bravo-from-image', teamId: 'bravo', region: 'eu-central', plan: 'small' });
    bravoOwns.push(fromImage!.instanceId, 'bravo-from-image', fromImage!.jobId);
    expect(await finished(fromImage!.jobId)).toMatchObject({ status: 'succeeded' });
    const fromBackup = await act(deployBackupAction, { backupId: backup.id, label: 'bravo-from-backup', teamId: 'bravo', plan: 'small' });
    bravoOwns.push(fromBackup!.instanceId, 'bravo-from-backup', fromBackup!.jobId);
    expect(await finished(fromBackup!.jobId)).toMatchObject({ status: 'succeeded' });
    const restored = await act(restoreAction, { backupId: backup.id, targetInstanceId: fromImage!.instanceId, confirm: 'bravo-from-image' });
    bravoOwns.push(restored!.jobId);
    expect(await finished(restored!.jobId)).toMatchObject({ status: 'succeeded' });
    const cracked = await act(deployImageAction, { imageId: damagedId, label: 'bravo-cracked', teamId: 'bravo', region: 'eu-central', plan: 'small' });
    bravoOwns.push(cracked!.instanceId, 'bravo-cracked', cracked!.jobId);
    expect(await finished(cracked!.jobId)).toMatchObject({ status: 'failed', error: expect.stringMatching(/damaged/) });

    const bravoBox = await instance('bravo', 'bravo-box');
    const alphaBox = await instance('alpha', 'alpha-box');
    await act(bulkEnableBackupsAction, { instanceIds: [bravoBox.id, alphaBox.id] });

    // A move refused by Bravo's quota: the refusal speaks of Bravo, so it is Bravo's entry.
    const stuck = await instance('alpha', 'alpha-stuck');
    await t.db.team.update({ where: { id: 'bravo' }, data: { maxInstances: await t.db.instance.count({ where: { teamId: 'bravo' } }) } });
    as('admin');
    expect(await assignInstanceAction(initialState, { instanceId: stuck.id, teamId: 'bravo' })).toMatchObject({ ok: false, message: expect.stringMatching(/^Team Bravo has used its quota/) });
    await t.db.team.update({ where: { id: 'bravo' }, data: { maxInstances: null } });
    // The admin moves an instance out of Alpha: Alpha reads that its instance left, not where to.
    const moving = await instance('alpha', 'alpha-moving');
    await act(assignInstanceAction, { instanceId: moving.id, teamId: 'bravo' });
    // Alpha's log keeps naming the instance it had; Bravo's may name it from now on.
    alphaOwns.splice(alphaOwns.indexOf(moving.id), 2);
  }, 240_000);
  afterAll(async () => {
    await worker?.stop();
    await closeAppDatabase(t);
  });

  const readAs = async (teamId: string) => text((await listAudit(t.db, [teamId], {}, 1, 1000)).rows);

  it("never names Bravo's instances, jobs or name in an entry Alpha can read", async () => {
    const alphaLog = await readAs('alpha');
    for (const name of bravoOwns) expect(alphaLog, name).not.toContain(name);
    // Alpha still reads about its own side of each step.
    const rows = (await listAudit(t.db, ['alpha'], {}, 1, 1000)).rows;
    expect(rows.filter((r) => r.action === 'image.deploy').map((r) => r.targetLabel).sort()).toEqual(['alpha-cracked', 'alpha-golden']);
    expect(rows.find((r) => r.action === 'backups.deploy')).toMatchObject({ targetType: 'backup', targetId: expect.any(String), result: 'success' });
    expect(rows.find((r) => r.action === 'backups.restore')).toMatchObject({ targetType: 'backup', detail: 'Restore of this backup onto an instance of another team.' });
    expect(rows.find((r) => r.action === 'instance.assign')).toMatchObject({ targetLabel: 'alpha-moving', detail: 'Move to another team.' });
    expect(rows.find((r) => r.action === 'backups.enable-bulk')).toMatchObject({ targetLabel: 'alpha-box' });
  });

  it("never names Alpha's image, backup, source instance or name in an entry Bravo can read, job ends included", async () => {
    const bravoLog = await readAs('bravo');
    for (const name of alphaOwns) expect(bravoLog, name).not.toContain(name);
    const rows = (await listAudit(t.db, ['bravo'], {}, 1, 1000)).rows;
    expect(rows.find((r) => r.action === 'image.deploy' && r.targetLabel === 'bravo-from-image')).toMatchObject({ targetType: 'instance', detail: 'From an image of another team.' });
    expect(rows.find((r) => r.action === 'image.deploy.finished' && r.result === 'failure')).toMatchObject({ detail: 'Deploy from image: failed. The image is damaged and cannot be deployed.' });
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['backup.deploy.finished', 'backup.restore.finished', 'image.deploy.finished']));
    expect(rows.find((r) => r.action === 'backups.enable-bulk')).toMatchObject({ targetLabel: 'bravo-box' });
  });

  it("shows viewers the same through the audit page, and a job's log names no image of another team", async () => {
    as('val');
    const alphaPage = text((await readAuditLog(parseAuditQuery({ size: '200' }))).entries);
    for (const name of bravoOwns) expect(alphaPage, name).not.toContain(name);
    as('bob');
    const bravoPage = text((await readAuditLog(parseAuditQuery({ size: '200' }))).entries);
    for (const name of alphaOwns) expect(bravoPage, name).not.toContain(name);
    const deploys = await t.db.job.findMany({ where: { teamId: 'bravo' } });
    for (const job of deploys) for (const name of alphaOwns) expect(job.log + (job.error ?? ''), name).not.toContain(name);
  });
});
