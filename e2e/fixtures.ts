import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';

export const USERS = {
  admin: { email: 'admin@lifeboat.local', password: 'lifeboat-demo', state: 'e2e/.auth/admin.json' },
  member: { email: 'member@lifeboat.local', password: 'lifeboat-demo', state: 'e2e/.auth/member.json' },
  viewer: { email: 'viewer@lifeboat.local', password: 'lifeboat-demo', state: 'e2e/.auth/viewer.json' },
} as const;

/** Signs in on the project's server, or on the one at `base`. */
export async function signIn(page: Page, email: string, password: string, base = '') {
  await page.goto(`${base}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Fails on any serious or critical axe violation, listing them so the fix is obvious. */
export async function expectAccessible(page: Page) {
  // Next streams a page's <title> with its metadata: right after an action re-renders the page it
  // can be missing for a moment, so the check waits for it (a page that never gets one still fails).
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Opens an instance's page through the list, as a user would. */
export async function openInstance(page: Page, label: string) {
  await page.goto(`/instances?q=${label}`);
  await page.getByRole('link', { name: label, exact: true }).click();
  await expect(page.getByRole('heading', { name: label, level: 1 })).toBeVisible();
}

/**
 * Every test's page fails on a Content-Security-Policy violation: the policy must be one the
 * app itself passes (Chromium reports each blocked script or style as a console error).
 */
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      await use();
      expect(violations).toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
