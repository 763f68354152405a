import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import type { Locator, Page } from '@playwright/test';
import { ensureSwift, s3 as S3 } from '../scripts/swift/start.mjs';
import { expect, expectAccessible, openInstance, test } from './fixtures';
import { swiftAdmin } from '../tests/object-store';

// Disaster recovery, end to end: a Lifeboat on SQLite keeps its images and its
// eu-central backups (encrypted) on the loopback Swift. It captures an image and takes a backup
// snapshot, then the host is lost: the server stops and its whole data directory (the SQLite file,
// the disks, the local folders) is deleted. A fresh Lifeboat on a new data directory with the same
// store variables and key rebuilds from the stores on the Storage page, deploys from the recovered
// image and from the recovered backup, and the new disks' digests equal the recorded ones. Both
// hosts are servers of their own (ports 3480 and 3481) from the build the e2e web server made.
// Swift missing fails the run (ensureSwift throws): this test is never skipped.

test.describe.configure({ mode: 'serial', timeout: 300_000 });

const root = path.resolve(import.meta.dirname, '..');
const ADMIN = { email: 'dr-admin@lifeboat.test', password: 'salvage the harbour lights 42' };
const HOSTS = { lost: 3480, fresh: 3481 } as const;
const run = crypto.randomBytes(3).toString('hex');
const buckets = { images: `lifeboat-e2e-dr-images-${run}`, backups: `lifeboat-e2e-dr-backups-${run}` };
const s3Url = (bucket: string, prefix: string) =>
  `s3://${bucket}/${prefix}?endpoint=${encodeURIComponent(S3.endpoint)}&path-style=true`;
// The host's store configuration: the same on the lost host and on the new one.
const STORES = {
  IMAGE_STORE: s3Url(buckets.images, 'images'),
  IMAGE_STORE_ACCESS_KEY_ID: S3.accessKeyId,
  IMAGE_STORE_SECRET_ACCESS_KEY: S3.secretAccessKey,
  BACKUP_STORE_EU_CENTRAL: s3Url(buckets.backups, 'eu-central'),
  BACKUP_STORE_EU_CENTRAL_ACCESS_KEY_ID: S3.accessKeyId,
  BACKUP_STORE_EU_CENTRAL_SECRET_ACCESS_KEY: S3.secretAccessKey,
  BACKUP_STORE_EU_CENTRAL_KEY: crypto.randomBytes(32).toString('hex'),
};

type Host = { port: number; dataDir: string; env: NodeJS.ProcessEnv; child: ChildProcess; output: string[] };
const hosts: Host[] = [];
type Copy = { id: string; label: string; status: string; digest: string | null; sizeBytes: number };
const recorded: { image?: Copy; backup?: Copy } = {};

/** A host's environment: its own data directory and port, the stores, an admin from the environment. */
function hostEnv(port: number, dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...STORES,
    PORT: String(port),
    DATA_DIR: dataDir,
    LIFEBOAT_DEMO: '0',
    LIFEBOAT_SCHEDULER: '0',
    LIFEBOAT_SKIP_BUILD: '1',
  };
  Object.assign(env, { LIFEBOAT_ADMIN_EMAIL: ADMIN.email, LIFEBOAT_ADMIN_PASSWORD: ADMIN.password });
  for (const name of ['DATABASE_URL', 'NEXTAUTH_SECRET', 'LIFEBOAT_SECRET_KEY', 'NEXTAUTH_URL']) delete env[name];
  return env;
}

/** Starts a Lifeboat as `npm start` does (scripts/e2e-server.mjs: a fresh data directory, no build). */
async function startHost(port: number): Promise<Host> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `lifeboat-e2e-dr-${port}-`));
  const env = hostEnv(port, dataDir);
  const child = spawn(process.execPath, ['scripts/e2e-server.mjs'], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const host: Host = { port, dataDir, env, child, output: [] };
  hosts.push(host);
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (d: Buffer) => host.output.push(d.toString()));
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`Lifeboat on port ${port} exited with ${child.exitCode}:\n${host.output.join('')}`);
    const up = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return host;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Lifeboat on port ${port} did not answer in 180 s:\n${host.output.join('')}`);
}

/** Stops a host's server (its own process group, by id) and waits until it is gone. */
async function stopHost(host: Host) {
  if (host.child.exitCode !== null || host.child.signalCode !== null) return;
  const gone = new Promise((r) => host.child.once('exit', r));
  process.kill(-host.child.pid!, 'SIGTERM');
  const killed = await Promise.race([gone.then(() => true), new Promise((r) => setTimeout(() => r(false), 15_000))]);
  if (!killed) {
    process.kill(-host.child.pid!, 'SIGKILL');
    await gone;
  }
}

/** Runs the host-side helper (e2e/support/dr-host.ts) against a host's data directory. */
function onHost<T>(host: Host, ...args: string[]): T {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'e2e/support/dr-host.ts', ...args], {
    cwd: root,
    env: host.env,
    encoding: 'utf8',
    timeout: 240_000,
  });
  if (result.status !== 0) throw new Error(`dr-host ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as T;
}

async function signInAsAdmin(page: Page) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
}

const backups = (page: Page) => page.getByRole('region', { name: 'Backups' });

/** Waits for the job a dialog or page follows to end, and says why when it failed. */
async function expectJobDone(where: Locator) {
  const status = where.getByTestId('job-status');
  await expect(status).toHaveText(/^(Done|Failed|Cancelled)$/, { timeout: 180_000 });
  expect(await status.textContent(), await where.innerText()).toBe('Done');
}

test.beforeAll(async () => {
  await ensureSwift({ quiet: true });
  const client = swiftAdmin();
  for (const bucket of Object.values(buckets)) await client.send(new CreateBucketCommand({ Bucket: bucket }));
  client.destroy();
});

// A failed step keeps what the servers said (their data directories are deleted after).
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus) return;
  for (const host of hosts)
    await testInfo.attach(`lifeboat-${host.port}.log`, { body: host.output.join(''), contentType: 'text/plain' });
});

test.afterAll(async () => {
  for (const host of hosts) {
    await stopHost(host);
    fs.rmSync(host.dataDir, { recursive: true, force: true });
  }
});

test.describe('the host that will be lost', () => {
  test.use({ baseURL: `http://127.0.0.1:${HOSTS.lost}` });

  test('captures an image and takes a backup snapshot of an instance, both into the object store', async ({ page }) => {
    const host = await startHost(HOSTS.lost);
    onHost(host, 'provision', 'Harbour', 'dr-source');
    await signInAsAdmin(page);

    await openInstance(page, 'dr-source');
    await page.getByRole('button', { name: 'Capture image' }).click();
    const capture = page.getByRole('dialog', { name: 'Capture image' });
    await capture.getByLabel('Label').fill('dr golden');
    await capture.getByLabel('Description (optional)').fill('before the fire');
    await capture.getByRole('button', { name: 'Capture image' }).click();
    await expectJobDone(capture);
    await page.keyboard.press('Escape');
    // The disk changes before the snapshot, so the image and the backup hold different bytes.
    onHost(host, 'write', 'dr-source', '7');

    await backups(page).getByRole('button', { name: 'Take snapshot' }).click();
    const snap = page.getByRole('dialog', { name: 'Take snapshot' });
    await snap.getByLabel('Snapshot label').fill('dr snapshot');
    await snap.getByRole('button', { name: 'Take snapshot' }).click();
    await expectJobDone(snap);
    await page.keyboard.press('Escape');
    await expect(
      backups(page).getByTestId('backup-row').filter({ hasText: 'dr snapshot' }).getByTestId('backup-status'),
    ).toHaveText('successful');
    await page.goto('/images');
    await expect(page.getByTestId('image-row').filter({ hasText: 'dr golden' }).getByTestId('image-status')).toHaveText(
      'available',
    );
  });

  test('the host is lost: its server stops and its whole data directory is deleted, after the digests are recorded', async () => {
    const host = hosts[0];
    await stopHost(host);
    const { images, backups: taken } = onHost<{ images: Copy[]; backups: Copy[] }>(host, 'copies');
    recorded.image = images.find((i) => i.label === 'dr golden');
    recorded.backup = taken.find((b) => b.label === 'dr snapshot');
    expect(recorded.image).toMatchObject({ status: 'available', digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(recorded.backup).toMatchObject({ status: 'successful', digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(recorded.backup!.digest).not.toBe(recorded.image!.digest);
    fs.rmSync(host.dataDir, { recursive: true, force: true });
    expect(fs.existsSync(host.dataDir)).toBe(false);
  });
});

test.describe('a fresh host on the same object store', () => {
  test.use({ baseURL: `http://127.0.0.1:${HOSTS.fresh}` });

  test('rebuilds from the stores on the Storage page, after a confirmation, and reports what came back', async ({
    page,
  }) => {
    await startHost(HOSTS.fresh);
    await signInAsAdmin(page);
    await page.goto('/images');
    await expect(page.getByTestId('image-row')).toHaveCount(0);

    await page.goto('/admin/storage');
    const recovery = page.getByRole('region', { name: 'Recovery' });
    await recovery.getByRole('button', { name: 'Rebuild from stores' }).click();
    const confirm = page.getByRole('dialog', { name: 'Rebuild from the stores?' });
    await expect(confirm).toContainText('recreates the image and backup rows this database lacks');
    await expect(confirm).toContainText('offline, with blank disks unless their disk files are still on this host');
    await expect(confirm).toContainText('Nothing is deleted');
    await confirm.getByRole('button', { name: 'Yes, rebuild from the stores' }).click();
    await expect(confirm).toBeHidden({ timeout: 120_000 });

    const report = recovery.getByTestId('rebuild-report');
    await expect(recovery.getByRole('status').filter({ hasText: /^Rebuilt from 3 stores/ })).toHaveText(
      'Rebuilt from 3 stores (2 manifests): recovered 1 image, 1 backup, 1 instance, 1 team; 0 already known.',
    );
    await expect(report.getByTestId('rebuild-store').filter({ hasText: 'Image store' })).toContainText(
      '1 manifest, 0 already known. Recovered 1 image, 0 backups, 0 instances and 1 team.',
    );
    await expect(report.getByTestId('rebuild-store').filter({ hasText: 'eu-central' })).toContainText(
      '1 manifest, 0 already known. Recovered 0 images, 1 backup, 1 instance and 0 teams.',
    );

    await recovery.getByRole('checkbox', { name: /Deep check/ }).check();
    await recovery.getByRole('button', { name: 'Check stores' }).click();
    const checked = recovery.getByTestId('check-report');
    await expect(checked.getByTestId('check-store')).toHaveCount(3, { timeout: 120_000 });
    await expect(checked.getByTestId('check-store').filter({ hasText: 'Image store' })).toContainText(
      /1 manifest and \d+ chunks; no problems\./,
    );
    await expect(checked.getByTestId('check-store').filter({ hasText: 'eu-central' })).toContainText(
      /1 manifest and \d+ chunks; no problems\./,
    );
    await expect(recovery.getByRole('status').filter({ hasText: /^Checked 3 stores/ })).toHaveText(
      /^Checked 3 stores \(deep: every chunk read back\): 2 manifests, \d+ chunks, no problems\.$/,
    );
    await expectAccessible(page);
  });

  test('deploys a new instance from the recovered image and one from the recovered backup; their disks have the recorded digests', async ({
    page,
  }) => {
    const host = hosts[1];
    await signInAsAdmin(page);
    await page.goto('/images');
    const golden = page.getByTestId('image-row').filter({ hasText: 'dr golden' });
    await expect(golden.getByTestId('image-status')).toHaveText('available');
    await golden.getByRole('link', { name: 'Deploy' }).click();
    // The images page holds other Label fields (its upload dialog, the rows' edits): wait for the form.
    await page.waitForURL(/\/images\/[^/]+\/deploy$/);
    await page.getByLabel('Label').fill('dr-from-image');
    await page.getByLabel('Region').selectOption('eu-central');
    await page.getByRole('radio', { name: /Nano 1 GB/ }).check();
    await page.getByRole('button', { name: 'Deploy from image' }).click();
    await expectJobDone(page.locator('main'));

    // The instance the backup was taken of came back offline, its backup listed with the service off.
    await openInstance(page, 'dr-source');
    await expect(page.getByText('offline', { exact: true })).toBeVisible();
    await expect(backups(page).getByTestId('kept-backups')).toBeVisible();
    const row = backups(page).getByTestId('backup-row').filter({ hasText: 'dr snapshot' });
    await expect(row.getByTestId('backup-status')).toHaveText('successful');
    await row.getByRole('link', { name: 'Deploy' }).click();
    await page.waitForURL(/\/backups\/[^/]+\/deploy$/);
    await page.getByLabel('Label').fill('dr-from-backup');
    await page.getByRole('radio', { name: /Nano 1 GB/ }).check();
    await page.getByRole('button', { name: 'Deploy from backup' }).click();
    await expectJobDone(page.locator('main'));

    const fromImage = onHost<{ digest: string; status: string }>(
      host,
      'disk-digest',
      'dr-from-image',
      String(recorded.image!.sizeBytes),
    );
    const fromBackup = onHost<{ digest: string; status: string }>(
      host,
      'disk-digest',
      'dr-from-backup',
      String(recorded.backup!.sizeBytes),
    );
    expect(fromImage).toMatchObject({ status: 'running', digest: recorded.image!.digest });
    expect(fromBackup).toMatchObject({ status: 'running', digest: recorded.backup!.digest });
  });

  test('`npm run store -- check` on the fresh host finds every store sound (exit 0)', async () => {
    const host = hosts[1];
    const result = spawnSync('npm', ['run', '--silent', 'store', '--', 'check'], {
      cwd: root,
      env: host.env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.stdout).toContain('Every store checks out.');
    expect(result.stdout).toMatch(/Image store: s3:\/\/lifeboat-e2e-dr-images-/);
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });
});
