import type { Page } from '@playwright/test';
import { expect, expectAccessible, test, USERS } from './fixtures';

const rows = (page: Page) => page.getByTestId('instance-row');
const labels = (page: Page) => rows(page).getByTestId('instance-label');

test.describe('as the admin', () => {
  test.use({ storageState: USERS.admin.state });

  test('the overview counts instances and names the one over the ceiling', async ({ page }) => {
    // 10 demo + 45 bulk instances; other specs may deploy more meanwhile.
    await page.goto('/');
    const card = page.getByRole('link', { name: /^Instances\s*\d+$/ });
    await expect(card).toBeVisible();
    expect(Number((await card.textContent())!.replace(/\D/g, ''))).toBeGreaterThanOrEqual(55);
    const over = page.getByRole('region', { name: 'Instances over the image ceiling' });
    await expect(over.getByRole('link', { name: 'db-primary' })).toBeVisible();
    await expect(over.getByText('Over ceiling')).toBeVisible();
    await expectAccessible(page);
  });

  test('the list shows usage against the ceiling, marking the over-ceiling disk in words', async ({ page }) => {
    await page.goto('/instances?q=db-');
    await expect(rows(page)).toHaveCount(2);
    const primary = rows(page).filter({ hasText: 'db-primary' });
    await expect(primary.getByText('6.3 of 6 GiB')).toBeVisible();
    await expect(primary.getByText('Over ceiling')).toBeVisible();
    const replica = rows(page).filter({ hasText: 'db-replica' });
    await expect(replica.getByText('5.9 of 6 GiB')).toBeVisible();
    await expect(replica.getByText('Near ceiling')).toBeVisible();
    await expect(replica.getByText('Over ceiling')).toHaveCount(0);
    await expect(primary.getByRole('meter')).toHaveAttribute('aria-valuetext', /over the image ceiling/);
    await expectAccessible(page);
  });

  test('search narrows the list on the server and lives in the URL', async ({ page }) => {
    await page.goto('/instances');
    await page.getByLabel('Search by label').fill('web-front');
    await expect(page).toHaveURL(/q=web-front/);
    await expect(labels(page)).toHaveText(['web-frontend-1', 'web-frontend-2']);
    await page.reload();
    await expect(labels(page)).toHaveText(['web-frontend-1', 'web-frontend-2']);
    await page.getByLabel('Search by label').fill('no-such-thing');
    await expect(page.getByRole('heading', { name: 'No instances match "no-such-thing"' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Clear search' }).click();
    await expect(rows(page)).toHaveCount(20);
  });

  test('sorting by disk usage puts the fullest disks first, then reverses', async ({ page }) => {
    await page.goto('/instances');
    await page.getByRole('link', { name: /Disk usage/ }).click();
    await expect(page).toHaveURL(/sort=usage/);
    await expect(page.getByRole('columnheader', { name: /Disk usage/ })).toHaveAttribute('aria-sort', 'ascending');
    await page.getByRole('link', { name: /Disk usage/ }).click();
    await expect(page).toHaveURL(/sort=usage&dir=desc/);
    await expect(labels(page).first()).toHaveText('db-primary');
    await expect(labels(page).nth(1)).toHaveText('db-replica');
  });

  test("the backup filters behind the overview's 'And N more' links list only what they say", async ({ page }) => {
    // Backups off everywhere but where a spec turned them on: the waiting filter lists only
    // instances waiting for a first backup, the others are said to be on time, and the filter
    // is kept while sorting and can be cleared.
    await page.goto('/instances?health=waiting&sort=usage');
    const waiting = page.getByTestId('health-filter');
    const empty = page.getByRole('heading', { name: 'No instances with backups waiting for a first backup' });
    await expect(waiting.or(empty)).toBeVisible();
    if (await waiting.isVisible()) {
      await expect(waiting).toHaveText(/Showing instances with backups waiting for a first backup\./);
      for (const row of await rows(page).all()) await expect(row.getByText(/On · first backup due/)).toBeVisible();
      await page.getByRole('link', { name: /Disk usage/ }).click();
      await expect(page).toHaveURL(/health=waiting/);
    }
    await expectAccessible(page);
    await page.goto('/instances?health=problem&q=no-such-thing');
    await expect(
      page.getByRole('heading', { name: 'No instances match "no-such-thing" with backups overdue or failing' }),
    ).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Clear search' }).click();
    await expect(page).toHaveURL(/\/instances\?health=problem$/);
    await page.goto('/instances?health=problem');
    const problems = page.getByTestId('health-filter');
    const none = page.getByRole('heading', { name: 'No instances with backups overdue or failing' });
    await expect(problems.or(none)).toBeVisible();
    await page.getByRole('link', { name: 'Show all instances' }).click();
    await expect(page).toHaveURL(/\/instances$/);
    await expect(rows(page)).toHaveCount(20);
  });

  test('pagination walks three pages of twenty and keeps the search and sort', async ({ page }) => {
    await page.goto('/instances?q=bulk-&sort=label&dir=desc');
    await expect(page.getByText('Showing 1–20 of 45 · page 1 of 3')).toBeVisible();
    const firstPage = await labels(page).allTextContents();
    await page.getByRole('link', { name: 'Next' }).click();
    await expect(page).toHaveURL(/dir=desc&page=2/);
    await expect(page.getByText('Showing 21–40 of 45 · page 2 of 3')).toBeVisible();
    const secondPage = await labels(page).allTextContents();
    expect(secondPage.filter((l) => firstPage.includes(l))).toEqual([]);
    await page.getByRole('link', { name: 'Next' }).click();
    await expect(page.getByText('Showing 41–45 of 45 · page 3 of 3')).toBeVisible();
    await expect(rows(page)).toHaveCount(5);
    await page.getByRole('link', { name: 'Previous' }).click();
    await expect(page).toHaveURL(/page=2/);
  });

  test('the detail page shows both disks, usage measured from the disk against the ceiling', async ({ page }) => {
    await page.goto('/instances?q=db-primary');
    await labels(page).first().click();
    await expect(page.getByRole('heading', { name: 'db-primary' })).toBeVisible();
    const disks = page.getByTestId('disk-row');
    await expect(disks).toHaveCount(2);
    await expect(disks.filter({ hasText: 'Primary' }).getByText('6.3 of 6 GiB')).toBeVisible();
    await expect(disks.filter({ hasText: 'Swap' })).toContainText('not captured');
    await expect(page.getByRole('note')).toContainText('Over the image ceiling');
    await expectAccessible(page);
  });

  test('backups are enabled for several instances at once, with the monthly total shown first', async ({ page }) => {
    await page.goto('/instances?q=r');
    await page.getByRole('checkbox', { name: 'Select mail-relay' }).check();
    await page.getByRole('checkbox', { name: 'Select ci-runner' }).check();
    await expect(page.getByTestId('bulk-summary')).toHaveText('2 selected · $7.00/mo in backups');
    await page.getByRole('button', { name: 'Enable backups for selected' }).click();
    await expect(page.getByText('Backups enabled for 2 instances.')).toBeVisible();
    await expect(rows(page).filter({ hasText: 'mail-relay' })).toContainText('On');
    await expect(page.getByRole('checkbox', { name: 'Select ci-runner' })).toHaveCount(0);
    await expectAccessible(page);
  });

  test('an unknown instance reads as not found', async ({ page }) => {
    await page.goto('/instances/does-not-exist');
    await expect(page.getByRole('heading', { name: 'Instance not found' })).toBeVisible();
  });
});

test.describe('as a team member', () => {
  test.use({ storageState: USERS.member.state });

  test('sees only the instances of their own team', async ({ page }) => {
    await page.goto('/instances?q=web-frontend');
    await expect(page.getByRole('heading', { name: 'No instances match "web-frontend"' })).toBeVisible();
    await page.goto('/instances?q=db-');
    await expect(labels(page)).toHaveText(['db-primary', 'db-replica']);
  });

  test('cannot open the account settings, which are for admins', async ({ page }) => {
    await page.goto('/admin/accounts');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Accounts' })).toHaveCount(0);
  });

  test("another team's instance is not found even by its address", async ({ page, browser }) => {
    const admin = await browser.newContext({ storageState: USERS.admin.state });
    const adminPage = await admin.newPage();
    await adminPage.goto('/instances?q=web-frontend-1');
    const href = await adminPage.getByTestId('instance-row').getByTestId('instance-label').getAttribute('href');
    await admin.close();
    await page.goto(href!);
    await expect(page.getByRole('heading', { name: 'Instance not found' })).toBeVisible();
  });
});
