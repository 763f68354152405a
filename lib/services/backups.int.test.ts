import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupStoreDir } from '@/lib/config/env';
import { jobEnded, killMidJob } from '@/tests/jobs';
import { diskPath } from '@/lib/providers/local';
import { manifestExists } from '@/lib/storage';
import { setUpLocalServices } from '@/tests/local-services';
import { PROVIDERS } from '@/tests/databases';
import { digestOf, writeTestDisk } from '@/tests/disks';
import { refreshBackupFacts, healthOfRow } from './backup-facts';
import { cancelBackups, enableBackups } from './backups';
import { startRestore } from '@/lib/operations/restore-backup';
import { startSnapshot } from '@/lib/operations/backup';
import { startVerify } from '@/lib/operations/verify-backup';
import { provisionInstance } from './provisioning';

const MiB = 1024 * 1024;
const actor = { id: 'u1', name: 'Bea Backup' };

describe.each(PROVIDERS)('backups on %s', (provider) => {
  const env = setUpLocalServices(provider, 'Backups', ({ t, accountId }) =>
    // No image may be captured on this account, and the ceiling is tiny: snapshots ignore both.
    t.db.providerAccount.update({ where: { id: accountId }, data: { imageLimit: 0, imageCeilingBytes: BigInt(MiB) } }),
  );

  async function instanceWithData(
    label: string,
    stripes: ('random' | 'noise' | 'text' | 'hole')[],
    region = 'eu-central',
    plan = 'small',
  ) {
    const instance = await provisionInstance(env.t.db, {
      accountId: env.accountId,
      teamId: env.teamId,
      label,
      region,
      plan,
    });
    const primary = instance.disks.find((d) => d.kind === 'primary')!;
    const file = diskPath({ instanceId: instance.id, diskId: primary.id, region });
    await writeTestDisk(file, label.length, stripes);
    await enableBackups(env.t.db, instance.id);
    return { instance, primary, file };
  }
  const run = () => env.run();
  const finished = (jobId: string) => jobEnded(env.t.db, jobId, 60_000);
  const snapshot = async (instanceId: string, label: string) => {
    const started = await startSnapshot(env.t.db, actor, instanceId, label);
    expect(await finished(started.jobId)).toMatchObject({ status: 'succeeded' });
    return env.t.db.backup.findUniqueOrThrow({ where: { id: started.backupId } });
  };

  it('snapshots a disk over the image ceiling, outside the image count, and replaces the previous snapshot', async () => {
    const { instance, file } = await instanceWithData('big-db', ['random', 'text', 'hole', 'random']);
    run();
    const first = await snapshot(instance.id, 'before upgrade');
    expect(first).toMatchObject({
      status: 'successful',
      slot: 'snapshot',
      kind: 'snapshot',
      label: 'before upgrade',
      dataBytes: BigInt(12 * MiB),
    });
    expect(first.digest).toBe(await digestOf(file));
    expect(await env.t.db.image.count()).toBe(0);
    const second = await snapshot(instance.id, 'after upgrade');
    expect(second.newBytes).toBe(0n); // unchanged disk: nothing new stored
    expect(await env.t.db.backup.findUnique({ where: { id: first.id } })).toBeNull();
    expect(await manifestExists(backupStoreDir('eu-central'), first.id)).toBe(false);
    expect(await manifestExists(backupStoreDir('eu-central'), second.id)).toBe(true);
  });

  it('restores the same instance byte for byte, and another instance of the same region', async () => {
    const { instance, file } = await instanceWithData('restore-me', ['text', 'random', 'hole', 'text']);
    run();
    const backup = await snapshot(instance.id, 'good state');
    await writeTestDisk(file, 99, ['random', 'random', 'random', 'random']); // the disk changes after the backup
    expect(await digestOf(file)).not.toBe(backup.digest);
    const same = await startRestore(env.t.db, actor, backup.id, instance.id);
    expect(await finished(same.jobId)).toMatchObject({ status: 'succeeded' });
    expect(await digestOf(file)).toBe(backup.digest);
    expect((await env.t.db.instance.findUniqueOrThrow({ where: { id: instance.id } })).status).toBe('running');

    const other = await instanceWithData('restore-target', ['hole'], 'eu-central', 'large');
    const onto = await startRestore(env.t.db, actor, backup.id, other.instance.id);
    expect(await finished(onto.jobId)).toMatchObject({ status: 'succeeded' });
    expect(await digestOf(other.file, Number(backup.sizeBytes))).toBe(backup.digest);
    expect((await fs.stat(other.file)).size).toBe(96 * MiB);

    const far = await instanceWithData('far-away', ['hole'], 'us-east');
    await expect(startRestore(env.t.db, actor, backup.id, far.instance.id)).rejects.toThrow(
      'only be restored to an instance in its own region',
    );
  });

  it('marks a backup with a flipped byte as damaged and never restores from it', async () => {
    const { instance, file } = await instanceWithData('will-rot', ['random', 'text']);
    run();
    const backup = await snapshot(instance.id, 'rotting');
    const manifest = JSON.parse(
      await fs.readFile(path.join(backupStoreDir('eu-central'), 'manifests', `${backup.id}.json`), 'utf8'),
    );
    const hash: string = manifest.chunks.find((c: unknown) => c !== null);
    const chunk = path.join(backupStoreDir('eu-central'), 'chunks', hash.slice(0, 2), hash);
    const bytes = await fs.readFile(chunk);
    bytes[17] ^= 0x01;
    await fs.writeFile(chunk, bytes);

    const verify = await startVerify(env.t.db, actor, backup.id);
    expect(await finished(verify.jobId)).toMatchObject({ status: 'succeeded', result: { ok: false } });
    expect((await env.t.db.backup.findUniqueOrThrow({ where: { id: backup.id } })).damaged).toBe(true);
    const before = await digestOf(file);
    await expect(startRestore(env.t.db, actor, backup.id, instance.id)).rejects.toThrow('failed verification');
    expect(await digestOf(file)).toBe(before);
  });

  it('cancelling deletes every backup of the instance, the snapshot included', async () => {
    const { instance } = await instanceWithData('to-cancel', ['random']);
    run();
    const backup = await snapshot(instance.id, 'last one');
    expect((await env.t.db.instance.findUniqueOrThrow({ where: { id: instance.id } })).lastBackupAt).toEqual(
      backup.takenAt,
    );
    expect(await cancelBackups(env.t.db, instance.id)).toBe(1);
    expect(await env.t.db.backup.count({ where: { instanceId: instance.id } })).toBe(0);
    expect(await manifestExists(backupStoreDir('eu-central'), backup.id)).toBe(false);
    expect(await env.t.db.instance.findUniqueOrThrow({ where: { id: instance.id } })).toMatchObject({
      backupsEnabled: false,
      lastBackupAt: null,
      lastBackupFailed: false,
    });
    await expect(startSnapshot(env.t.db, actor, instance.id, 'nope')).rejects.toThrow('Enable the backup service');
  });

  it('tells healthy, overdue and failing backups apart', async () => {
    const now = new Date();
    const healthy = await instanceWithData('healthy', ['text']);
    run();
    await snapshot(healthy.instance.id, 'fresh');
    const late = await instanceWithData('late', ['text']);
    await env.t.db.instance.update({
      where: { id: late.instance.id },
      data: { backupsEnabledAt: new Date(now.getTime() - 27 * 3_600_000) },
    });
    const failing = await instanceWithData('failing', ['text']);
    await env.t.db.backup.create({
      data: {
        instanceId: failing.instance.id,
        teamId: env.teamId,
        region: 'eu-central',
        kind: 'automatic',
        status: 'failed',
        diskId: '',
        failureReason: 'Missed',
      },
    });
    await refreshBackupFacts(env.t.db, failing.instance.id); // as the scheduler does after a missed window
    const off = await provisionInstance(env.t.db, {
      accountId: env.accountId,
      teamId: env.teamId,
      label: 'no-backups',
      region: 'eu-central',
      plan: 'micro',
    });
    // Enabled just now and never backed up: waiting, not "has a successful backup".
    const fresh = await instanceWithData('fresh', ['text']);
    const ids = [healthy.instance.id, late.instance.id, failing.instance.id, off.id, fresh.instance.id];
    const rows = await env.t.db.instance.findMany({ where: { id: { in: ids } } });
    const health = new Map(rows.map((r) => [r.id, healthOfRow(r, now)]));
    expect(ids.map((id) => health.get(id))).toEqual(['ok', 'overdue', 'failed', 'off', 'waiting']);
  });

  it('loses nothing when the worker is killed mid-backup', async () => {
    const stripes = Array.from({ length: 192 }, () => 'noise' as const);
    const { instance, file } = await instanceWithData('killed-backup', stripes, 'eu-central', 'huge');
    const { backupId, jobId } = await startSnapshot(env.t.db, actor, instance.id, 'interrupted');
    const mid = await killMidJob(env.t, jobId);
    expect(mid.bytesDone).toBeLessThan(mid.bytesTotal);
    expect((await env.t.db.backup.findUniqueOrThrow({ where: { id: backupId } })).status).toBe('running');
    env.start({ pollMs: 50, leaseMs: 2_000 });
    expect(await finished(jobId)).toMatchObject({ status: 'succeeded', attempts: 2 });
    const backup = await env.t.db.backup.findUniqueOrThrow({ where: { id: backupId } });
    expect(backup.status).toBe('successful');
    expect(backup.digest).toBe(await digestOf(file));
  });
});
