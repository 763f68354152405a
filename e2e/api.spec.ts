import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { documentChecker } from '../tests/openapi-check';
import { BASE_URL } from '../playwright.config';
import { expect, expectAccessible, test, USERS } from './fixtures';

// Personal access tokens and the REST API, end to end: a member makes a token in Settings from
// the keyboard, sees its secret once, calls the API with it over HTTP (the production server,
// not a test double), reads the reference, and revokes it, after which the API refuses it; an
// administrator sees everyone's tokens. Every answer is checked against the server's own
// OpenAPI document. The lifeboat command runs against the same server.
test.describe.configure({ mode: 'serial' });

let check: ReturnType<typeof documentChecker> | undefined;
/** The answer's JSON, after checking it against the document the server serves. */
async function checked(request: APIRequestContext, method: string, answer: APIResponse) {
  check ??= documentChecker(await (await request.get('/api/v1/openapi.json')).json());
  const body = await answer.json();
  check(method, new URL(answer.url()).pathname.replace(/^\/api\/v1/, ''), answer.status(), body);
  return body;
}

let secret = '';
const name = `e2e-ci-${Date.now()}`;

test.use({ storageState: USERS.member.state });

test('a member makes a read-and-write token in Settings from the keyboard and sees it once', async ({ page }) => {
  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'Personal access tokens' })).toBeVisible();
  await page.getByLabel('Name').focus();
  await page.keyboard.type(name);
  await page.getByLabel(/^Read and write/).check();
  await page.getByLabel('Expires').selectOption('7');
  await page.getByRole('button', { name: 'Create token' }).focus();
  await page.keyboard.press('Enter');
  const shown = page.getByTestId('new-token');
  await expect(shown).toBeVisible();
  secret = (await shown.textContent())!.trim();
  expect(secret).toMatch(/^lbt_[0-9A-Za-z]{38}$/);
  const row = page.getByTestId('token-row').filter({ hasText: name });
  await expect(row).toContainText('Read and write');
  await expect(row).toContainText('Active');
  await expect(row).toContainText(secret.slice(0, 10));
  await expect(row).not.toContainText(secret.slice(10));
  await expectAccessible(page);
  // Shown once: a fresh load of the page has the row, not the secret.
  await page.reload();
  await expect(page.getByTestId('new-token')).toHaveCount(0);
  await expect(page.getByTestId('token-row').filter({ hasText: name })).toBeVisible();
});

test('the token calls the API over HTTP, and the reference page documents it', async ({ page, request }) => {
  const auth = { Authorization: `Bearer ${secret}` };
  const list = await request.get('/api/v1/instances?sort=label', { headers: auth });
  expect(list.status()).toBe(200);
  const body = await list.json();
  expect(body.items.length).toBeGreaterThan(0);
  const refused = await request.get('/api/v1/admin/users', { headers: auth });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toMatch(/^Only administrators/);
  const bad = await request.post('/api/v1/images', {
    headers: { ...auth, 'content-type': 'application/json' },
    data: '{',
  });
  expect(bad.status()).toBe(400);
  const doc = await request.get('/api/v1/openapi.json');
  expect((await doc.json()).openapi).toBe('3.1.0');

  await page.goto('/settings');
  await expect(page.getByTestId('token-row').filter({ hasText: name })).toContainText('from');
  await page.getByRole('link', { name: 'REST API' }).click();
  await expect(page.getByRole('heading', { name: 'API reference', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'POST /api/v1/images', exact: false }).first()).toBeVisible();
  await expectAccessible(page);
});

/** Runs the lifeboat command as a user would, with its own config folder. */
function lifeboat(home: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.resolve('cli/lifeboat.mjs'), ...args],
      { env: { ...process.env, XDG_CONFIG_HOME: home, LIFEBOAT_URL: '', LIFEBOAT_TOKEN: '' }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('the lifeboat command signs in with the token, lists, snapshots with --wait and exits with codes scripts can rely on', async () => {
  test.setTimeout(180_000);
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'lifeboat-cli-'));
  try {
    const login = await lifeboat(home, 'login', '--url', BASE_URL, '--token', secret);
    expect(login, login.stderr).toMatchObject({ code: 0 });
    expect(login.stdout).toContain(`as ${USERS.member.email}`);
    const kept = await fs.stat(path.join(home, 'lifeboat', 'config.json'));
    expect(kept.mode & 0o077).toBe(0);

    const list = await lifeboat(home, 'instances', '--search', 'bulk-00019', '--json');
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).items.map((i: { label: string }) => i.label)).toEqual(['bulk-00019']);
    const show = await lifeboat(home, 'instance', 'bulk-00019');
    expect(show.stdout).toMatch(/^bulk-00019 \(/);

    // bulk-00019: a Platform instance with backups on that no other spec touches.
    const snap = await lifeboat(
      home,
      'snapshot',
      'bulk-00019',
      '--label',
      'from the cli',
      '--wait',
      '--poll-ms',
      '300',
    );
    expect(snap, snap.stderr).toMatchObject({ code: 0 });
    expect(snap.stdout).toContain('done.');
    expect(snap.stderr).toMatch(/\[[#-]+\]/);
    const backups = await lifeboat(home, 'backups', 'bulk-00019', '--json');
    expect(JSON.parse(backups.stdout).backups.some((b: { label: string | null }) => b.label === 'from the cli')).toBe(
      true,
    );

    // db-primary holds 6.3 GiB, over the ceiling: refused before anything is made.
    const over = await lifeboat(home, 'capture', 'db-primary', '--label', 'too big');
    expect(over.code).toBe(5);
    expect(over.stderr).toMatch(/ceiling|6 GiB/);
    expect((await lifeboat(home, 'instance', 'no-such-instance')).code).toBe(4);
    expect((await lifeboat(home, 'restore', 'x', '--to', 'bulk-00019')).code).toBe(2);
    expect((await lifeboat(home, 'frobnicate')).code).toBe(2);
    const stranger = await lifeboat(home, 'instances', '--token', 'lbt_' + 'A'.repeat(38));
    expect(stranger.code).toBe(3);
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
});

test('an administrator sees the token on Access tokens', async ({ browser }) => {
  const context = await browser.newContext({ storageState: USERS.admin.state });
  const page = await context.newPage();
  await page.goto('/admin/tokens');
  await expect(page.getByRole('heading', { name: 'Access tokens', level: 1 })).toBeVisible();
  await expect(page.getByTestId('token-row').filter({ hasText: name })).toContainText(USERS.member.email);
  await expectAccessible(page);
  await context.close();
});

test('revoking asks first, from the keyboard, and the API refuses the token from then on', async ({
  page,
  request,
}) => {
  await page.goto('/settings');
  const row = page.getByTestId('token-row').filter({ hasText: name });
  await row.getByRole('button', { name: `Revoke ${name}` }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Revoke the token ${name}?` });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Yes, revoke the token' }).focus();
  await page.keyboard.press('Enter');
  await expect(row).toContainText('Revoked');
  const after = await request.get('/api/v1/instances', { headers: { Authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
  expect((await checked(request, 'GET', after)).error.message).toMatch(/^This token was revoked/);
});
