import type { Browser, Page } from '@playwright/test';
import { FAKE_LINODE_PORT, FAKE_LINODE_TOKEN } from '../playwright.config';
import { expect, expectAccessible, openInstance, test, USERS } from './fixtures';

// A Linode account end to end through Lifeboat's UI, against the stateful fake Linode API that
// playwright.config.ts starts on loopback (every answer it gives is checked against the official
// spec). An admin connects the account and assigns instances by tag; the member of that team
// captures, snapshots, schedules, restores and deploys; Linode's refusals reach them in words.
// One flow in order, since it builds on each step, on the world of its own (playwright.config.ts):
// the instances it brings in would change what the other specs count.
test.describe.configure({ mode: 'serial' });

const API = `http://127.0.0.1:${FAKE_LINODE_PORT}/v4`;
const ACCOUNT = 'Linode (fake)';
const backups = (page: Page) => page.getByRole('region', { name: 'Backups' });

async function as(browser: Browser, user: keyof typeof USERS) {
  const context = await browser.newContext({ storageState: USERS[user].state });
  return context.newPage();
}

/** What the fake Linode account holds, read over its API as any client would. */
async function linode(page: Page, label: string) {
  const reply = await page.request.get(`${API}/linode/instances`, {
    headers: { Authorization: `Bearer ${FAKE_LINODE_TOKEN}` },
  });
  const body = (await reply.json()) as {
    data: {
      id: number;
      label: string;
      status: string;
      backups: { enabled: boolean; schedule: { day: string; window: string } };
    }[];
  };
  return body.data.find((i) => i.label === label);
}

async function arm(page: Page, faults: object) {
  const reply = await page.request.post(`http://127.0.0.1:${FAKE_LINODE_PORT}/__fake/faults`, { data: faults });
  expect(reply.status()).toBe(204);
}

test('an admin connects a Linode account: a bad token is refused, a good one brings the instances in, unassigned', async ({
  browser,
}) => {
  const page = await as(browser, 'admin');
  await page.goto('/admin/accounts');
  const add = page.getByRole('form', { name: 'Add an account' });
  const fill = async (token: string) => {
    await add.getByLabel('Name').fill(ACCOUNT);
    await add.getByLabel('Kind').selectOption('linode');
    await add.getByLabel('API base URL (optional)').fill(API);
    await add.getByLabel('API token (optional)').fill(token);
    await add.getByRole('button', { name: 'Add account' }).click();
  };
  await fill('a-mistyped-token');
  // The read call on save was refused: the message sits by the token field and nothing is saved.
  await expect(
    add.getByText("Linode refused the API token (401). Check the token in the provider account's settings.").first(),
  ).toBeVisible();
  await expect(page.getByRole('form', { name: `API token of ${ACCOUNT}` })).toHaveCount(0);

  await fill(FAKE_LINODE_TOKEN); // React clears a form after its action runs
  await expect(page.getByText(`Account ${ACCOUNT} added. Its instances are being read in.`)).toBeVisible();
  await expect(page.getByRole('form', { name: `API token of ${ACCOUNT}` })).toContainText('An API token is set.');
  expect(await page.content()).not.toContain(FAKE_LINODE_TOKEN);

  const unassigned = page.getByRole('region', { name: `Unassigned instances of ${ACCOUNT}` });
  await expect(async () => {
    await page.reload();
    await expect(unassigned.getByTestId('unassigned')).toContainText('web-1', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  for (const label of ['web-1', 'web-2', 'db-1', 'data-1'])
    await expect(unassigned.getByRole('link', { name: label, exact: true })).toBeVisible();
  await expect(page.getByTestId('synced-at')).toContainText('Last read from Linode');
  await expectAccessible(page);

  // A 429 on the way is waited out (Retry-After) and the sync still succeeds.
  await arm(page, { failNext: { count: 1, status: 429, retryAfter: 0 } });
  const sync = page.getByRole('form', { name: `Sync ${ACCOUNT}` });
  await sync.getByRole('button', { name: 'Sync account' }).click();
  await expect(sync.getByText('Sync started.')).toBeVisible();
  await expect(page.getByTestId('job-status')).toHaveText('Done', { timeout: 30_000 });
  await page.context().close();
});

test('unassigned instances are for admins only until the admin assigns them by tag', async ({ browser }) => {
  const member = await as(browser, 'member');
  await member.goto('/instances?q=web-1');
  await expect(member.getByRole('link', { name: 'web-1', exact: true })).toHaveCount(0);

  const admin = await as(browser, 'admin');
  await admin.goto('/admin/accounts');
  const form = admin.getByRole('form', { name: `Assign instances of ${ACCOUNT} by tag` });
  await form.getByLabel('Instances tagged').fill('web');
  await form.getByLabel('Go to team').selectOption({ label: 'Platform' });
  await form.getByLabel('Also give instances that appear later with this tag to the team').check();
  await form.getByRole('button', { name: 'Assign' }).click();
  await expect(
    form.getByText(
      '2 instance(s) tagged "web" now belong to Platform: web-1, web-2. New instances tagged "web" will go to Platform too.',
    ),
  ).toBeVisible();
  await expect(admin.getByTestId('tag-rules')).toContainText('Tagged web → Platform');
  // The action re-renders the page; its metadata (the <title>) streams in after the body.
  await expect(admin).toHaveTitle(/Provider accounts/);
  await expectAccessible(admin);
  await expect(
    admin
      .getByRole('region', { name: `Unassigned instances of ${ACCOUNT}` })
      .getByRole('link', { name: 'web-1', exact: true }),
  ).toHaveCount(0);
  // The holding team is a team like the others in the console, but takes no members.
  await admin.goto('/admin/teams');
  await admin.getByRole('link', { name: `Unassigned (${ACCOUNT})` }).click();
  await expect(admin.getByTestId('holding-team')).toContainText('It takes no members');
  await expect(admin.getByRole('button', { name: 'Add member' })).toHaveCount(0);
  await expectAccessible(admin);
  await admin.context().close();

  await member.goto('/instances?q=web-');
  await expect(member.getByRole('link', { name: 'web-1', exact: true })).toBeVisible();
  await expect(member.getByRole('link', { name: 'web-2', exact: true })).toBeVisible();
  await member.goto('/instances?q=db-1');
  await expect(member.getByRole('link', { name: 'db-1', exact: true })).toHaveCount(0);
  await member.context().close();
});

test('the member sees allocated sizes, and captures an image once told Linode checks the data size', async ({
  browser,
}) => {
  const page = await as(browser, 'member');
  await openInstance(page, 'web-1');
  const disk = page.getByTestId('disk-row').filter({ hasText: 'Primary' });
  await expect(disk).toContainText('25 GiB allocated');
  await expect(disk).toContainText('Used space not reported by Linode');
  await expect(page.getByText('Over the image ceiling.')).toHaveCount(0);
  await expect(page.getByText(/Linode \(fake\) · Linode \d+/)).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Capture image' }).click();
  const dialog = page.getByRole('dialog', { name: 'Capture image' });
  await expect(dialog.getByTestId('capture-note')).toContainText('Linode checks the data size when it captures');
  await expect(dialog.getByTestId('capture-note')).toContainText('allocated size (25 GiB)');
  await dialog.getByLabel('Label').fill('web-1 golden');
  await dialog.getByRole('button', { name: 'Capture image' }).click();
  await expect(dialog.getByTestId('job-progress-text')).toContainText(/\d+ %/);
  await expect(dialog.getByTestId('job-status')).toHaveText('Done', { timeout: 60_000 });
  await page.keyboard.press('Escape');
  await page.goto('/images');
  const row = page.getByTestId('image-row').filter({ hasText: 'web-1 golden' });
  await expect(row.getByTestId('image-status')).toHaveText('available');
  await page.context().close();
});

test('a capture Linode fails (over its 6 GiB of data) says why, and leaves no image', async ({ browser }) => {
  const page = await as(browser, 'admin');
  await openInstance(page, 'data-1');
  await page.getByRole('button', { name: 'Capture image' }).click();
  const dialog = page.getByRole('dialog', { name: 'Capture image' });
  await dialog.getByLabel('Label').fill('data-1 full');
  await dialog.getByRole('button', { name: 'Capture image' }).click();
  await expect(dialog.getByTestId('job-status')).toHaveText('Failed', { timeout: 60_000 });
  await expect(dialog.getByRole('alert')).toContainText(
    'Linode could not finish it: Image would be 7000 MB; the limit is 6144 MB.',
  );
  await page.keyboard.press('Escape');
  await page.goto('/images');
  await expect(page.getByTestId('image-row').filter({ hasText: 'data-1 full' }).getByTestId('image-status')).toHaveText(
    'failed',
  );
  await page.context().close();
});

test('the member sets the schedule and takes a snapshot, both carried out in Linode', async ({ browser }) => {
  const page = await as(browser, 'member');
  await openInstance(page, 'web-1');
  await expect(backups(page).getByTestId('provider-schedule')).toContainText('Linode takes the automatic backups');
  const form = backups(page).getByRole('form', { name: 'Backup schedule' });
  await form.getByLabel('Day of week').selectOption('Tuesday');
  await form.getByLabel('Window (UTC)').selectOption('W4');
  await form.getByRole('button', { name: 'Save schedule' }).click();
  await expect(backups(page)).toContainText('Tuesdays are the weekly; daily in 04:00–06:00 UTC');
  expect((await linode(page, 'web-1'))?.backups.schedule).toEqual({ day: 'Tuesday', window: 'W4' });

  await backups(page).getByRole('button', { name: 'Take snapshot' }).click();
  const snap = page.getByRole('dialog', { name: 'Take snapshot' });
  await snap.getByLabel('Snapshot label').fill('before-upgrade');
  await snap.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(snap.getByTestId('job-status')).toHaveText('Done', { timeout: 60_000 });
  await page.keyboard.press('Escape');
  await page.reload();
  const row = backups(page).getByTestId('backup-row').filter({ hasText: 'before-upgrade' });
  await expect(row.getByTestId('backup-status')).toHaveText('successful');
  await expect(row.getByRole('button', { name: 'Verify' })).toHaveCount(0); // Linode's backups cannot be read to verify
  await expectAccessible(page);
  await page.context().close();
});

test("the member restores web-1's daily backup onto web-2, which Linode leaves powered off", async ({ browser }) => {
  const page = await as(browser, 'member');
  await openInstance(page, 'web-1');
  const daily = backups(page).getByTestId('backup-row').filter({ hasText: 'Daily' });
  await daily.getByRole('button', { name: 'Restore' }).click();
  const dialog = page.getByRole('dialog', { name: /Restore from backup: the daily/ });
  await expect(dialog).toContainText('replaces every disk');
  await dialog.getByLabel('Restore onto').selectOption({ label: 'web-2' });
  await dialog.getByLabel("Type the chosen instance's label to confirm").fill('web-2');
  await dialog.getByRole('button', { name: 'Restore' }).click();
  await expect(dialog.getByTestId('job-status')).toHaveText('Done', { timeout: 60_000 });
  expect((await linode(page, 'web-2'))?.status).toBe('offline');
  await page.keyboard.press('Escape');
  await openInstance(page, 'web-2');
  await expect(page.getByText('offline', { exact: true }).first()).toBeVisible();
  await page.context().close();
});

test('the member deploys new Linodes from the image (with a root password) and from the snapshot', async ({
  browser,
}) => {
  const page = await as(browser, 'member');
  await page.goto('/images');
  await page.getByTestId('image-row').filter({ hasText: 'web-1 golden' }).getByRole('link', { name: 'Deploy' }).click();
  await expect(page.getByRole('heading', { name: 'Deploy a new instance from web-1 golden' })).toBeVisible();
  await page.getByLabel('Label').fill('web-3');
  await page.getByLabel('Root password').fill('correct-horse-battery');
  await page.getByLabel('Region').selectOption('us-east');
  await page.getByRole('radio', { name: /Linode 2GB/ }).check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Deploy from image' }).click();
  await expect(page.getByTestId('job-status')).toHaveText('Done', { timeout: 60_000 });
  await page.getByRole('link', { name: 'Go to the new instance' }).click();
  await expect(page.getByRole('heading', { name: 'web-3', level: 1 })).toBeVisible();
  expect((await linode(page, 'web-3'))?.status).toBe('running');

  await openInstance(page, 'web-1');
  await backups(page)
    .getByTestId('backup-row')
    .filter({ hasText: 'before-upgrade' })
    .getByRole('link', { name: 'Deploy' })
    .click();
  await page.getByLabel('Label').fill('web-4');
  await page.getByRole('radio', { name: /Linode 4GB/ }).check();
  await page.getByRole('button', { name: 'Deploy from backup' }).click();
  await expect(page.getByTestId('job-status')).toHaveText('Done', { timeout: 60_000 });
  expect(await linode(page, 'web-4')).toBeTruthy();
  await page.context().close();
});

test("Linode's failures reach the member in plain words on the form, and nothing changes", async ({ browser }) => {
  const page = await as(browser, 'member');
  await openInstance(page, 'web-2');
  // A POST that failed with a 5xx may have been applied, so it is not repeated: the user is told so.
  await arm(page, { failNext: { count: 1, status: 503 } });
  await backups(page).getByRole('button', { name: 'Enable backups' }).click();
  const dialog = page.getByRole('dialog', { name: 'Enable the backup service' });
  await dialog.getByRole('button', { name: /Enable backups/ }).click();
  await expect(
    dialog.getByText(/Linode's API failed \(503\) on POST \/linode\/instances\/\d+\/backups\/enable\./),
  ).toBeVisible();
  await expect(dialog).toContainText('It was not retried because Linode may have applied it');
  expect((await linode(page, 'web-2'))?.backups.enabled).toBe(false);
  await page.context().close();
});

test('the member renames the Linode image and deletes it, both done in Linode', async ({ browser }) => {
  const page = await as(browser, 'member');
  const images = async () => {
    const reply = await page.request.get(`${API}/images`, {
      headers: { Authorization: `Bearer ${FAKE_LINODE_TOKEN}`, 'X-Filter': JSON.stringify({ is_public: false }) },
    });
    return ((await reply.json()) as { data: { label: string }[] }).data.map((i) => i.label);
  };
  await page.goto('/images');
  await page.getByTestId('image-row').filter({ hasText: 'web-1 golden' }).getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit web-1 golden' });
  await edit.getByLabel('Label').fill('web-1 gold');
  await edit.getByRole('button', { name: 'Save' }).click();
  const gold = page.getByTestId('image-row').filter({ has: page.getByText('web-1 gold', { exact: true }) });
  await expect(gold).toBeVisible();
  expect(await images()).toEqual(['web-1 gold']);

  await gold.getByRole('button', { name: 'Delete' }).click();
  const del = page.getByRole('dialog', { name: 'Delete web-1 gold' });
  await del.getByLabel('Type web-1 gold to confirm').fill('web-1 gold');
  await del.getByRole('button', { name: 'Delete image' }).click();
  await expect(gold).toHaveCount(0);
  expect(await images()).toEqual([]);
  await page.context().close();
});
