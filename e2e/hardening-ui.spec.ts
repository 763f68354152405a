import type { Page } from '@playwright/test';
import { expect, expectAccessible, openInstance, test, USERS } from './fixtures';

// Every sentence on the screen is true, and dialogs and forms behave.
// The story runs on bulk demo instances no other spec relies on: bulk-00002 (backups off in the
// demo) gets backups, then a snapshot; bulk-00003 keeps them off.

const backups = (page: Page) => page.getByRole('region', { name: 'Backups' });
const WAITING = 'bulk-00002';

test.describe('as the admin', () => {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });
  test.use({ storageState: USERS.admin.state });

  test('enabling backups closes its dialog, and no other dialog opens by itself', async ({ page }) => {
    await openInstance(page, WAITING);
    await backups(page).getByRole('button', { name: 'Enable backups' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enable the backup service' });
    await dialog.getByRole('button', { name: /^Enable backups/ }).click();
    await expect(backups(page).getByRole('button', { name: 'Take snapshot' })).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.locator('dialog[open]')).toHaveCount(0);
    // Nothing taken yet, nothing pending: the empty table says so.
    await expect(backups(page)).toContainText('No backups yet.');
    await expectAccessible(page);
  });

  test('the overview shows an instance that was never backed up as waiting, with when it is due', async ({ page }) => {
    await page.goto('/');
    const problems = page.getByRole('region', { name: 'Backups overdue or failing' });
    await expect(problems).not.toContainText('has a successful backup from the last 26 hours');
    const waiting = page.getByRole('region', { name: 'Waiting for their first backup' });
    const row = waiting
      .getByTestId('backup-waiting')
      .filter({ has: page.getByRole('link', { name: WAITING, exact: true }) });
    await expect(row).toContainText(/First backup due .+ \(\d{4}-\d\d-\d\d \d\d:00 UTC\)/);
    await expectAccessible(page);

    await page.goto(`/instances?q=${WAITING}`);
    await expect(page.getByTestId('instance-row')).toContainText('On · first backup due');
  });

  test('a refused typed confirmation keeps what was typed and marks the field', async ({ page }) => {
    await openInstance(page, WAITING);
    await backups(page).getByRole('button', { name: 'Cancel backups' }).click();
    const dialog = page.getByRole('dialog', { name: `Cancel backups of ${WAITING}` });
    const confirm = dialog.getByLabel(`Type ${WAITING} to confirm`);
    await expect(confirm).not.toHaveAttribute('aria-invalid', 'true');
    await confirm.fill('bulk-0002');
    await dialog.getByRole('button', { name: 'Cancel backups and delete them' }).click();
    await expect(dialog.getByText(`Type the instance's label, ${WAITING}, to confirm.`)).toBeVisible();
    await expect(confirm).toHaveValue('bulk-0002');
    await expect(confirm).toHaveAttribute('aria-invalid', 'true');
    await expect(confirm).toHaveAccessibleDescription(`Type the instance's label, ${WAITING}, to confirm.`);
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await expect(backups(page).getByRole('button', { name: 'Take snapshot' })).toBeVisible(); // still on
  });

  test('a refused create-team form keeps the typed name and marks it invalid', async ({ page }) => {
    await page.goto('/admin/teams');
    const name = page.getByLabel('Team name');
    await name.fill('x');
    await page.getByRole('button', { name: 'Create team' }).click();
    await expect(page.getByText('A team name needs at least 2 characters.')).toBeVisible();
    await expect(name).toHaveValue('x');
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);
  });

  test('the snapshot job has one name on its button, its dialog, its panel, the activity page and the audit log', async ({
    page,
  }) => {
    await openInstance(page, WAITING);
    await backups(page).getByRole('button', { name: 'Take snapshot' }).click();
    const dialog = page.getByRole('dialog', { name: 'Take snapshot' });
    await dialog.getByLabel('Snapshot label').fill('one name');
    await dialog.getByRole('button', { name: 'Take snapshot' }).click();
    await expect(dialog.getByTestId('job-progress').getByRole('heading', { name: 'Take snapshot' })).toBeVisible();
    await expect(dialog.getByTestId('job-status')).toHaveText('Done', { timeout: 90_000 });
    await page.keyboard.press('Escape');
    await expect(
      backups(page).getByTestId('backup-row').filter({ hasText: 'one name' }).getByTestId('backup-status'),
    ).toHaveText('successful');
    await expect(backups(page)).not.toContainText('No backups yet');

    await page.goto('/activity');
    await expect(
      page.getByTestId('job-progress').getByRole('heading', { name: 'Take snapshot' }).first(),
    ).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Back up', exact: true })).toHaveCount(0);
    await page.goto('/audit?action=backups.snapshot');
    await expect(page.getByTestId('audit-row').first()).toContainText('Take snapshot');
    await page.goto('/audit?action=backup.capture.finished');
    await expect(page.getByTestId('audit-row').first()).toContainText('Take snapshot: done.');
  });

  test('a refused deploy keeps the typed label, the chosen team and the chosen plan', async ({ page }) => {
    await openInstance(page, WAITING);
    await backups(page)
      .getByTestId('backup-row')
      .filter({ hasText: 'one name' })
      .getByRole('link', { name: 'Deploy from backup' })
      .click();
    const label = page.getByLabel('Label');
    await label.fill('9-starts-with-a-digit');
    await page.getByLabel('Team').selectOption({ label: 'Platform' });
    const plan = page.getByRole('radio', { disabled: false }).last();
    await plan.check();
    await page.getByRole('button', { name: 'Deploy from backup' }).click();
    await expect(label).toHaveAttribute('aria-invalid', 'true');
    await expect(label).toHaveValue('9-starts-with-a-digit');
    await expect(page.getByLabel('Team')).toHaveValue(
      (await page.getByLabel('Team').locator('option', { hasText: 'Platform' }).getAttribute('value')) ?? '',
    );
    await expect(plan).toBeChecked();
    await expect(page.getByLabel('Team')).not.toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);
  });

  test('small disks read in the unit that keeps them above zero, and an off price says it is the price if enabled', async ({
    page,
  }) => {
    await page.goto('/instances?q=bulk-00003');
    const row = page.getByTestId('instance-row');
    await expect(row).toHaveCount(1);
    await expect(row.getByText(/^\d+(\.\d)? (KiB|MiB) of 6 GiB$/)).toBeVisible();
    await expect(row).not.toContainText('0 of 6 GiB');
    await openInstance(page, 'bulk-00003');
    await expect(page.getByText(/^Off · \$\d+\.\d\d\/mo if enabled$/)).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'Disks' }).getByText(/^\d+(\.\d)? (KiB|MiB) of 6 GiB$/),
    ).toBeVisible();
    await expectAccessible(page);
  });
});

test.describe('as a viewer', () => {
  test.use({ storageState: USERS.viewer.state });

  test('sees no select column, bulk button or bulk hint on the instance list', async ({ page }) => {
    await page.goto('/instances');
    await expect(page.getByTestId('instance-row').first()).toBeVisible();
    await expect(page.getByRole('checkbox')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Enable backups for selected' })).toHaveCount(0);
    await expect(page.getByTestId('bulk-summary')).toHaveCount(0);
    await expect(page.getByRole('columnheader', { name: 'Select' })).toHaveCount(0);
    await expectAccessible(page);
  });

  test('is told the image count is the account’s, across all teams', async ({ page }) => {
    await page.goto('/images');
    await expect(page.getByTestId('image-count')).toContainText(/\d+ of \d+ images in the account, across all teams/);
  });

  test('a refused password change keeps no password in the page and marks the field it names', async ({ page }) => {
    await page.goto('/settings');
    const form = page.getByRole('form', { name: 'Change your password' });
    await form.getByLabel('Current password').fill(USERS.viewer.password);
    await form.getByLabel('New password', { exact: true }).fill('correct-horse-battery-staple-91');
    await form.getByLabel('New password again').fill('correct-horse-battery-staple-19');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(form.getByText('The two new passwords do not match.')).toBeVisible();
    await expect(form.getByLabel('New password again')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('Current password')).not.toHaveAttribute('aria-invalid', 'true');
    for (const label of ['Current password', 'New password again'])
      await expect(form.getByLabel(label)).toHaveValue('');
    await expect(form.getByLabel('New password', { exact: true })).toHaveValue('');
    await expectAccessible(page);
  });
});
