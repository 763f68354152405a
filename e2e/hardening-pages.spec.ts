import type { Browser, BrowserContextOptions, Page } from '@playwright/test';
import { expect, expectAccessible, openInstance, signIn, test, USERS } from './fixtures';

// What a visitor meets on the pages: real 404s, the app's icons, empty states that say
// where instances come from, times in the viewer's zone with UTC at hand, a list that follows a
// running job, an audit table that fits the window and a first sign-in greeted as such.
// The steps share a new team and its people, so they run in order.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

// No break opportunity in it (no hyphens, no spaces): it must wrap inside its audit column.
const newcomer = {
  email: 'nina.newcomer.with.a.long.address@harbourteamdomainnamewithoutanybreaksatall.example.com',
  name: 'Nina Newcomer',
  password: 'harbour lights over still water',
};
const watcher = { email: 'walt@lifeboat.local', name: 'Walt Watcher', password: 'lighthouse keepers log the tide' };
const oneTime: Record<string, string> = {};
let webBackupDeploy = '';

async function as(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  return (await browser.newContext(options)).newPage();
}

/** Signs in with an admin's one-time password and replaces it, as every new user must. */
async function firstSignIn(page: Page, user: { email: string; password: string }) {
  await signIn(page, user.email, oneTime[user.email]);
  await expect(page.getByText('Choose your own password to continue.')).toBeVisible();
  await page.getByLabel('Current password').fill(oneTime[user.email]);
  await page.getByLabel('New password', { exact: true }).fill(user.password);
  await page.getByLabel('New password again').fill(user.password);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Password changed.')).toBeVisible();
}

test('the list follows a running snapshot: the row turns busy, then back to running without a reload', async ({
  browser,
}) => {
  // web-frontend-2 is one no other spec acts on; a snapshot is a job that counts against no image limit.
  const page = await as(browser, { storageState: USERS.admin.state });
  await openInstance(page, 'web-frontend-2');
  const backups = page.getByRole('region', { name: 'Backups' });
  await backups
    .getByRole('button', { name: /snapshot/i })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Snapshot label').fill('list follows this');
  await dialog.getByRole('button', { name: /snapshot/i }).click();
  await expect(dialog.getByTestId('job-progress')).toBeVisible();

  await page.goto('/instances?q=web-frontend-2');
  const row = page.getByTestId('instance-row').filter({ hasText: 'web-frontend-2' });
  await expect(row.getByText('busy', { exact: true })).toBeVisible();
  await expectAccessible(page);
  // No reload from here on: the page itself must notice the job's end (a reload would drop the mark).
  await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
  await expect(row.getByText('running', { exact: true })).toBeVisible({ timeout: 100_000 });
  expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);

  await openInstance(page, 'web-frontend-2');
  const snapshot = backups.getByTestId('backup-row').filter({ hasText: 'list follows this' });
  await expect(snapshot.getByTestId('backup-status')).toHaveText('successful');
  webBackupDeploy = (await snapshot.getByRole('link', { name: 'Deploy' }).getAttribute('href'))!;
  expect(webBackupDeploy).toMatch(/^\/backups\/[^/]+\/deploy$/);
});

test('a missing and a foreign instance, image, backup or admin page answer the same 404, with one main landmark', async ({
  browser,
}) => {
  const admin = await as(browser, { storageState: USERS.admin.state });
  await admin.goto('/instances?q=staging-web');
  const webInstance = (await admin.getByRole('link', { name: 'staging-web', exact: true }).getAttribute('href'))!;
  const unknown = 'cm0000000000000000nosuchid';

  // The member is in team Platform; staging-web and its backups are team Web's.
  const member = await as(browser, { storageState: USERS.member.state });
  const bodies: string[] = [];
  for (const path of [
    `/instances/${unknown}`,
    webInstance,
    `/images/${unknown}/deploy`,
    `/backups/${unknown}/deploy`,
    webBackupDeploy,
    '/admin',
    `/admin/teams/${unknown}`,
  ]) {
    const response = await member.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(member.getByRole('main')).toHaveCount(1);
    await expect(member.getByRole('heading', { level: 1 })).toHaveText(/not found/i);
    bodies.push(
      `${path.startsWith('/instances') ? 'instance' : 'other'}:${await member.getByRole('main').innerText()}`,
    );
  }
  // Foreign and never-existed read alike, word for word.
  expect(bodies[1]).toBe(bodies[0]);
  expect(bodies[4]).toBe(bodies[3]);
  await expectAccessible(member);

  const response = await admin.goto(`/admin/teams/${unknown}`);
  expect(response?.status()).toBe(404);
  await expect(admin.getByRole('main')).toHaveCount(1);
  await expectAccessible(admin);
});

test('an admin makes a team with a member and a viewer and no instances', async ({ browser }) => {
  const page = await as(browser, { storageState: USERS.admin.state });
  await page.goto('/admin/teams');
  await page.getByLabel('Team name').fill('Harbour');
  await page.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByRole('link', { name: 'Open the new team' })).toBeVisible();
  await page.goto('/admin/users');
  for (const [user, role] of [
    [newcomer, 'member'],
    [watcher, 'viewer'],
  ] as const) {
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Create user' }) });
    await form.getByLabel('Email').fill(user.email);
    await form.getByLabel('Name').fill(user.name);
    await form.getByLabel('First team (optional)').selectOption({ label: 'Harbour' });
    await form.getByLabel('Role in that team').selectOption(role);
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByTestId('user-row').filter({ hasText: user.email })).toBeVisible();
    oneTime[user.email] = (await page.getByTestId('one-time-password').textContent())!.trim();
    await page.goto('/admin/users');
  }
});

test('a first sign-in is welcomed, a later one welcomed back', async ({ browser }) => {
  const page = await as(browser);
  await firstSignIn(page, newcomer);
  await page.goto('/');
  await expect(page.getByText(`Welcome, ${newcomer.name}.`)).toBeVisible();
  await expect(page.getByText('Welcome back')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, newcomer.email, newcomer.password);
  await expect(page.getByText(`Welcome back, ${newcomer.name}.`)).toBeVisible();
  await page.context().storageState({ path: 'e2e/.auth/hardening-newcomer.json' });
});

test('a member with no instances is told where they come from, with links that work; a search with no match says so', async ({
  browser,
}) => {
  const page = await as(browser, { storageState: 'e2e/.auth/hardening-newcomer.json' });
  await page.goto('/');
  const overview = page.getByTestId('no-instances');
  await expect(overview).toContainText('an administrator connects');
  await expectAccessible(page);

  await page.goto('/instances');
  const empty = page.getByTestId('no-instances');
  await expect(empty.getByRole('heading', { name: 'No instances yet' })).toBeVisible();
  await expect(empty).toContainText('ask yours to give your team its instances');
  // A member cannot connect accounts, so they are not sent to the admin console.
  await expect(empty.getByRole('link', { name: /connect/i })).toHaveCount(0);
  await expectAccessible(page);
  await empty.getByRole('link', { name: 'images' }).click();
  await expect(page.getByRole('heading', { name: 'Images', level: 1 })).toBeVisible();

  await page.goto('/instances?q=nothing-like-this');
  await expect(page.getByRole('heading', { name: 'No instances match "nothing-like-this"' })).toBeVisible();
  await expect(page.getByTestId('no-instances')).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Clear search' }).click();
  await expect(page.getByTestId('no-instances')).toBeVisible();
});

test('a viewer with no instances reads that members deploy and administrators connect accounts', async ({
  browser,
}) => {
  const page = await as(browser);
  await firstSignIn(page, watcher);
  await page.goto('/instances');
  const empty = page.getByTestId('no-instances');
  await expect(empty).toContainText('members of your team can deploy new ones');
  await expect(empty).toContainText('As a viewer');
  await expectAccessible(page);
});

test('times show in the viewer\'s zone with UTC at hand, and "Scheduling" is said in words', async ({ browser }) => {
  const page = await as(browser, { storageState: USERS.admin.state, timezoneId: 'America/New_York', locale: 'en-US' });
  await openInstance(page, 'web-frontend-2');
  const backups = page.getByRole('region', { name: 'Backups' });
  const taken = backups.getByTestId('backup-row').filter({ hasText: 'list follows this' }).locator('time');
  await expect(taken).toHaveAttribute('title', /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  await expect(taken).toHaveText(/EST|EDT|GMT-[45]/);
  const next = backups.getByTestId('next-backups').locator('time').first();
  await expect(next).toHaveText(/(EST|EDT|GMT-[45]).*\(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
  // The schedule's window in UTC with the viewer's hours beside it, and who picks.
  await expect(backups.getByTestId('schedule-window')).toHaveText(/\d\d:00–\d\d:00 UTC, .* your time/);
  await expect(backups).toContainText('(Lifeboat picks the day and the window)');
  await expect(backups.getByLabel('Day of week').locator('option', { hasText: 'Scheduling' })).toHaveText(
    'Scheduling: Lifeboat picks the day',
  );
  await expect(backups.getByLabel('Window (UTC)').locator('option', { hasText: 'Scheduling' })).toHaveText(
    'Scheduling: Lifeboat picks the window',
  );
  await expectAccessible(page);

  await page.goto('/audit');
  const when = page.getByTestId('audit-row').first().locator('time');
  await expect(when).toHaveAttribute('title', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  await expect(when).toHaveText(/EST|EDT|GMT-[45]/);
});

test('the audit table fits a 1280-pixel window, long values wrapped and whole', async ({ browser }) => {
  const page = await as(browser, { storageState: USERS.admin.state, viewport: { width: 1280, height: 900 } });
  await page.goto(`/audit?action=user.create`);
  const row = page.getByTestId('audit-row').filter({ hasText: 'user.create' }).filter({ hasText: newcomer.email });
  await expect(row).toHaveCount(1);
  const table = page.getByRole('table', { name: 'Audit entries' });
  const fits = await table.evaluate((t) => {
    const box = t.parentElement!;
    return {
      box: [box.scrollWidth, box.clientWidth],
      page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
    };
  });
  expect(fits.box[0]).toBeLessThanOrEqual(fits.box[1]);
  expect(fits.page[0]).toBeLessThanOrEqual(fits.page[1]);
  await expectAccessible(page);
});

test('the signed-out sign-in page links the icon, touch icon and manifest, and each is served as what it is', async ({
  browser,
}) => {
  const page = await as(browser);
  await page.goto('/signin');
  const href = async (selector: string) => (await page.locator(selector).first().getAttribute('href'))!;
  const files: [string, RegExp][] = [
    [await href('link[rel="icon"][href$=".ico"]'), /^image\/(x-icon|vnd\.microsoft\.icon)/],
    [await href('link[rel="icon"][type="image/svg+xml"]'), /^image\/svg\+xml/],
    [await href('link[rel="apple-touch-icon"]'), /^image\/png/],
    [await href('link[rel="manifest"]'), /^application\/manifest\+json/],
  ];
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#08553d');
  for (const [path, type] of files) {
    // page.request shares the (empty) cookie jar: no session, as a browser asks for them.
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type'], path).toMatch(type);
  }
  const manifest = await (await page.request.get(files[3][0])).json();
  expect(manifest).toMatchObject({ name: 'Lifeboat', short_name: 'Lifeboat', theme_color: '#08553d' });
  for (const icon of manifest.icons as { src: string; sizes: string }[]) {
    const response = await page.request.get(icon.src, { maxRedirects: 0 });
    expect(response.status(), icon.src).toBe(200);
  }
  const touch = await page.request.get(files[2][0]);
  const png = await touch.body();
  // The PNG header's width and height (IHDR) say 180 x 180.
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([180, 180]);
});
