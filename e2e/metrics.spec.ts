import type { APIRequestContext } from '@playwright/test';
import { expect, expectAccessible, test, USERS } from './fixtures';

// The Metrics page and /metrics, end to end: an admin makes the scrape token from the keyboard,
// sees it exactly once, and Prometheus' request with it gets the exposition text; replacing it
// refuses the old one, removing it refuses every scrape. A member cannot reach the page.

const scrape = (request: APIRequestContext, token?: string) =>
  request.get('/metrics', { headers: token ? { authorization: `Bearer ${token}` } : {} });

test.describe('as an admin', () => {
  test.use({ storageState: USERS.admin.state });

  test('makes a scrape token, shown once, that /metrics takes; replacing it refuses the old one', async ({
    page,
    playwright,
  }) => {
    // A scraper has no session: a context of its own, without the admin's cookies.
    const scraper = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    await page.goto('/admin');
    await page.getByRole('navigation', { name: 'Admin console' }).getByRole('link', { name: 'Metrics' }).click();
    await expect(page.getByRole('heading', { name: 'Metrics', level: 1 })).toBeVisible();
    await expectAccessible(page);
    // A token left by an earlier run is removed first, so the page starts from "no token".
    const section = page.getByRole('region', { name: 'Scrape token' });
    if (await section.getByRole('button', { name: 'Remove token' }).isVisible()) {
      await section.getByRole('button', { name: 'Remove token' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Yes, remove the token' }).click();
    }
    await expect(page.getByTestId('metrics-token-status')).toHaveText('No token yet: /metrics refuses every scrape.');
    const refused = await scrape(scraper);
    expect(refused.status()).toBe(401);
    expect(refused.headers()['www-authenticate']).toMatch(/^Bearer /);
    // Answered by the route itself, not sent to sign-in, and under the API's policy that allows nothing.
    expect(refused.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(refused.headers()['x-content-type-options']).toBe('nosniff');

    await section.getByRole('button', { name: 'Generate token' }).focus();
    await page.keyboard.press('Enter');
    const first = (await page.getByTestId('metrics-token').textContent())!;
    expect(first).toMatch(/^lbm_[A-Za-z0-9_-]{43}$/);
    await expect(page.getByTestId('metrics-token-status')).toContainText(`In use: ${first.slice(0, 8)}…`);
    await expectAccessible(page);

    const answer = await scrape(scraper, first);
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toContain('text/plain; version=0.0.4');
    const text = await answer.text();
    expect(text).toContain('# TYPE lifeboat_jobs_finished_total counter');
    expect(text).toMatch(/^lifeboat_backups_enabled_instances \d+$/m);
    expect(text).toMatch(/^lifeboat_store_copies\{store="images"\} \d+$/m);

    // Replaced from the keyboard, after the dialog's confirmation.
    await section.getByRole('button', { name: 'Replace token' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Replace the scrape token?' });
    await expect(dialog).toContainText('stops working at once');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Yes, make a new token' }).focus();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('metrics-token')).not.toHaveText(first);
    const second = (await page.getByTestId('metrics-token').textContent())!;
    expect(second).not.toBe(first);
    expect((await scrape(scraper, first)).status()).toBe(401);
    expect((await scrape(scraper, second)).status()).toBe(200);

    // Not shown again: the page keeps no copy.
    await page.reload();
    await expect(page.getByTestId('metrics-token-status')).toContainText(`In use: ${second.slice(0, 8)}…`);
    await expect(page.getByTestId('metrics-token')).toHaveCount(0);
    expect(await page.content()).not.toContain(second);

    await section.getByRole('button', { name: 'Remove token' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, remove the token' }).click();
    await expect(page.getByTestId('metrics-token-status')).toHaveText('No token yet: /metrics refuses every scrape.');
    expect((await scrape(scraper, second)).status()).toBe(401);

    await page.goto('/audit?action=metrics');
    const rows = page.getByTestId('audit-row');
    await expect(rows.filter({ hasText: 'metrics.token-rotate' }).first()).toContainText(second.slice(0, 8));
    await expect(rows.filter({ hasText: 'metrics.token-clear' }).first()).toContainText(
      `Removed token ${second.slice(0, 8)}`,
    );
    expect(await page.content()).not.toContain(second);
    await scraper.dispose();
  });
});

test.describe('as a member', () => {
  test.use({ storageState: USERS.member.state });

  test('cannot reach the Metrics page, nor see it in the navigation', async ({ page }) => {
    const response = await page.goto('/admin/metrics');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('link', { name: 'Metrics' })).toHaveCount(0);
  });
});
