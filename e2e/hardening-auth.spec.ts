import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, expectAccessible, signIn, test, USERS } from './fixtures';

// Sign-in and the caller, end to end in Chromium: a return address never leads
// off the app (whatever is hidden in callbackUrl), and a user who still holds an admin's
// one-time password gets no team data from any page, payload or API route.

// Each resolves, in a browser, to another host unless it is handled as a whole URL; beside it,
// the page of the app it must land on instead. "/.//host" is the path "//host" of the app,
// which is kept as the path "/host" (a page that does not exist) rather than handed on as
// "//host", which any later link would read as another host.
const HOSTILE_CALLBACKS = {
  backslash: ['%2F%5Cevil.example%2F', '/'],
  tab: ['%2F%09%2Fevil.example%2F', '/'],
  'line break': ['%2F%0D%0A%2Fevil.example%2F', '/'],
  'dot segment': ['%2F.%2F%2Fevil.example', '/evil.example'],
} as const;

/** Where the browser ended: the app's own origin and the expected path, and what it shows. */
async function expectLandedOn(page: Page, path: string) {
  const base = new URL(test.info().project.use.baseURL!);
  await expect.poll(() => new URL(page.url()).pathname).toBe(path);
  expect(new URL(page.url()).origin).toBe(base.origin);
  await expect(
    page.getByRole('heading', { name: path === '/' ? 'Overview' : 'Page not found', level: 1 }),
  ).toBeVisible();
}

/** Every request the page makes to a host other than the app's, so none can be missed. */
function offSiteRequests(page: Page): string[] {
  const seen: string[] = [];
  const app = new URL(test.info().project.use.baseURL!).host;
  page.on('request', (r) => {
    if (new URL(r.url()).host !== app) seen.push(r.url());
  });
  return seen;
}

async function contextAs(browser: Browser, state?: string): Promise<BrowserContext> {
  return browser.newContext(state ? { storageState: state } : {});
}

test.describe('return addresses stay on the app', () => {
  for (const [name, [callback, landing]] of Object.entries(HOSTILE_CALLBACKS)) {
    test(`signing in with a ${name} in callbackUrl lands on a page of the app`, async ({ page }) => {
      const offSite = offSiteRequests(page);
      await page.goto(`/signin?callbackUrl=${callback}`);
      await page.getByLabel('Email').fill(USERS.member.email);
      await page.getByLabel('Password').fill(USERS.member.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expectLandedOn(page, landing);
      expect(offSite).toEqual([]);
    });
  }

  test('a signed-in browser following such a link stays on the app, and none of them is a 500', async ({ browser }) => {
    const context = await contextAs(browser, USERS.member.state);
    const page = await context.newPage();
    const offSite = offSiteRequests(page);
    const base = new URL(test.info().project.use.baseURL!);
    for (const [callback, landing] of Object.values(HOSTILE_CALLBACKS)) {
      // The server's own answer: a redirect to a path of the app, never another host.
      const response = await context.request.get(`/signin?callbackUrl=${callback}`, { maxRedirects: 0 });
      expect(response.status(), callback).toBeLessThan(400);
      expect(response.status(), callback).toBeGreaterThanOrEqual(300);
      const location = new URL(response.headers().location, base);
      expect(location.origin, callback).toBe(base.origin);
      expect(location.pathname, callback).toBe(landing);
      // And what the browser does with it.
      await page.goto(`/signin?callbackUrl=${callback}`);
      await expectLandedOn(page, landing);
    }
    expect(offSite).toEqual([]);
    await expectAccessible(page);
    await context.close();
  });

  test('a return address of the app still works, query and all', async ({ page }) => {
    await page.goto('/signin?callbackUrl=%2Finstances%3Fq%3Ddb');
    await page.getByLabel('Email').fill(USERS.member.email);
    await page.getByLabel('Password').fill(USERS.member.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/instances\?q=db$/);
    await expect(page.getByRole('link', { name: 'db-primary', exact: true })).toBeVisible();
    await expectAccessible(page);
  });
});

test.describe('a one-time password must be replaced before any team data is shown', () => {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });

  // Instances of the Platform team in the demo, which the new user joins.
  const TEAM_LABELS = ['api-gateway', 'db-primary', 'db-replica', 'cache-redis', 'ci-runner'];
  const user = { email: `gated-${Date.now()}@lifeboat.local`, name: 'Gwen Gated' };
  let oneTimePassword = '';

  test('an admin creates a member of Platform with a one-time password', async ({ browser }) => {
    const context = await contextAs(browser, USERS.admin.state);
    const page = await context.newPage();
    await page.goto('/admin/users');
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Create user' }) });
    await form.getByLabel('Email').fill(user.email);
    await form.getByLabel('Name').fill(user.name);
    await form.getByLabel('First team (optional)').selectOption({ label: 'Platform' });
    await form.getByLabel('Role in that team').selectOption('member');
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByTestId('one-time-password')).toBeVisible();
    oneTimePassword = (await page.getByTestId('one-time-password').textContent())!.trim();
    await context.close();
  });

  test('their API calls are refused with 403 and the reason, in JSON', async ({ browser }) => {
    const gated = await contextAs(browser);
    const page = await gated.newPage();
    await signIn(page, user.email, oneTimePassword);
    // The overview they were headed for sends them on to Settings.
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByText('Choose your own password to continue.')).toBeVisible();
    await expectAccessible(page);
    for (const path of ['/api/jobs/no-such-job', '/api/audit/export', '/api/audit/export?result=failure']) {
      const response = await gated.request.get(path);
      expect(response.status(), path).toBe(403);
      expect(response.headers()['content-type'], path).toMatch(/^application\/json/);
      expect(await response.json(), path).toEqual({ error: 'Choose your own password in Settings first.' });
    }
    // The same calls with a session that may read: the 403 is the one-time password's doing.
    const member = await contextAs(browser, USERS.member.state);
    expect((await member.request.get('/api/jobs/no-such-job')).status()).toBe(404);
    expect((await member.request.get('/api/audit/export')).status()).toBe(200);
    await member.close();
    await gated.close();
  });

  test('no page, redirect body or RSC payload carries their team’s instances', async ({ browser }) => {
    const gated = await contextAs(browser);
    const signedIn = await gated.newPage();
    await signIn(signedIn, user.email, oneTimePassword);
    await expect(signedIn.getByText('Choose your own password to continue.')).toBeVisible();
    const member = await contextAs(browser, USERS.member.state);
    const paths = ['/instances', '/instances?q=db', '/', '/images', '/activity', '/audit'];
    const shows = (body: string) => TEAM_LABELS.filter((label) => body.includes(label));
    for (const path of paths) {
      for (const headers of [{}, { RSC: '1' }] as Record<string, string>[]) {
        const what = `${path} ${JSON.stringify(headers)}`;
        // A member of the same team who has chosen a password sees them, so the check can fail.
        if (path.startsWith('/instances'))
          expect(shows(await (await member.request.get(path, { headers })).text()), what).not.toEqual([]);
        const first = await gated.request.get(path, { headers, maxRedirects: 0 });
        expect(first.status(), what).toBeLessThan(500);
        expect(shows(await first.text()), what).toEqual([]);
        // A redirect goes to Settings (or, for RSC, back to the same path with Next's cache-busting
        // parameter), never to sign-in: the session is there, only the data is not.
        if (first.status() >= 300 && first.status() < 400)
          expect(['/settings', new URL(path, 'http://x').pathname], what).toContain(
            new URL(first.headers().location, 'http://x').pathname,
          );
        const followed = await gated.request.get(path, { headers });
        expect(followed.status(), what).toBeLessThan(500);
        const body = await followed.text();
        expect(shows(body), what).toEqual([]);
        // The shell with their own name is there: this is a signed-in response.
        expect(body, what).toContain(user.name);
      }
    }
    // In the browser too: every page sends them to Settings.
    const page = await gated.newPage();
    await page.goto('/instances');
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByText('Choose your own password to continue.')).toBeVisible();
    for (const label of TEAM_LABELS) await expect(page.getByText(label)).toHaveCount(0);
    await member.close();
    await gated.close();
  });
});
