import type { Page } from '@playwright/test';
import { expect, expectAccessible, openInstance, test, USERS } from './fixtures';

// Backup flows on two demo instances; they run in order as one story per instance, on the world
// of its own (playwright.config.ts), since restoring db-primary rewrites the disk others measure.
test.describe.configure({ mode: 'serial', timeout: 240_000 });
test.use({ storageState: USERS.admin.state });

const backups = (page: Page) => page.getByRole('region', { name: 'Backups' });

test('backups are enabled with the price shown, and the schedule edited with its next runs', async ({ page }) => {
  await openInstance(page, 'api-gateway');
  await expect(backups(page)).toContainText('The backup service is off');
  await backups(page).getByRole('button', { name: 'Enable backups' }).click();
  const dialog = page.getByRole('dialog', { name: 'Enable the backup service' });
  await expect(dialog).toContainText('$3.00 per month');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Enable backups for $3.00/mo' }).click();
  await expect(backups(page).getByRole('form', { name: 'Backup schedule' })).toBeVisible();
  await page.keyboard.press('Escape');

  // The weekly day two days from now is always among the next five daily runs (a fixed day is
  // not: on that very day after the window it is a week away).
  const weekly = new Date(Date.now() + 2 * 86_400_000).toLocaleDateString('en-US', {
    weekday: 'long',
    timeZone: 'UTC',
  });
  const form = backups(page).getByRole('form', { name: 'Backup schedule' });
  await form.getByLabel('Day of week').selectOption(weekly);
  await form.getByLabel('Window (UTC)').selectOption('W10');
  await form.getByRole('button', { name: 'Save schedule' }).click();
  await expect(backups(page)).toContainText(`${weekly}s are the weekly; daily in 10:00–12:00 UTC`);
  const next = backups(page).getByTestId('next-backups').getByRole('listitem');
  await expect(next).toHaveCount(5);
  await expect(next.first()).toContainText('10:00 UTC');
  await expect(next.filter({ hasText: 'becomes the weekly' })).toHaveCount(1);
  await expectAccessible(page);
});

test('an over-ceiling instance is snapshotted through the backup service, restored, and deployed from', async ({
  page,
}) => {
  await openInstance(page, 'db-primary');
  await page.getByRole('button', { name: 'Capture image' }).click();
  await page.getByRole('link', { name: 'Take a backup snapshot instead' }).click();
  await expect(page.getByRole('dialog', { name: 'Capture image' })).toBeHidden();

  await backups(page).getByRole('button', { name: 'Take snapshot' }).click();
  const snap = page.getByRole('dialog', { name: 'Take snapshot' });
  await snap.getByLabel('Snapshot label').fill('before the migration');
  await snap.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(snap.getByTestId('job-progress-text')).toContainText(/\d+ %/);
  await expect(snap.getByTestId('job-status')).toHaveText('Done', { timeout: 200_000 });
  await page.keyboard.press('Escape');
  const row = backups(page).getByTestId('backup-row').filter({ hasText: 'before the migration' });
  await expect(row.getByTestId('backup-status')).toHaveText('successful');
  await expectAccessible(page);

  // A copy Lifeboat keeps: it downloads (started here and cancelled; the raw file is all 160 GiB).
  await row.getByRole('button', { name: 'Download' }).click();
  const download = page.getByRole('dialog', { name: 'Download the snapshot backup' });
  await expect(download).toContainText('the file is the full disk size, 160 GiB, with zeros where the disk is empty');
  await expectAccessible(page);
  const [started] = await Promise.all([
    page.waitForEvent('download'),
    download.getByRole('link', { name: 'qcow2 (.qcow2)' }).click(),
  ]);
  expect(started.suggestedFilename()).toMatch(/^db-primary-before-the-migration-\d{4}-\d{2}-\d{2}\.qcow2$/);
  await started.cancel();
  await page.keyboard.press('Escape');

  await row.getByRole('button', { name: 'Restore' }).click();
  const restore = page.getByRole('dialog', { name: /Restore from backup: the snapshot/ });
  await restore.getByLabel("Type the chosen instance's label to confirm").fill('db-replica');
  await restore.getByRole('button', { name: 'Restore' }).click();
  await expect(restore.getByText('Type db-primary to confirm that its disk is overwritten.')).toBeVisible();
  await restore.getByLabel("Type the chosen instance's label to confirm").fill('db-primary');
  await restore.getByRole('button', { name: 'Restore' }).click();
  await expect(restore.getByTestId('job-status')).toHaveText('Done', { timeout: 120_000 });
  await page.keyboard.press('Escape');

  await row.getByRole('link', { name: 'Deploy' }).click();
  await expect(
    page.getByRole('heading', { name: /Deploy a new instance from the snapshot backup of db-primary/ }),
  ).toBeVisible();
  await expect(page.getByRole('radio', { name: /Standard 4 GB/ })).toBeDisabled();
  await expect(page.getByText('Disk too small: 80 GiB, the backup needs 160 GiB')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Label').fill('snapshot-copy');
  await page.getByRole('radio', { name: /Standard 8 GB/ }).check();
  await page.getByRole('button', { name: 'Deploy from backup' }).click();
  await expect(page.getByTestId('job-status')).toHaveText('Done', { timeout: 120_000 });
  await page.getByRole('link', { name: 'Go to the new instance' }).click();
  await expect(page.getByRole('heading', { name: 'snapshot-copy', level: 1 })).toBeVisible();
  await expect(page.getByText('Frankfurt (eu-central)')).toBeVisible();
});

test('cancelling backups asks for the label and deletes them all', async ({ page }) => {
  await openInstance(page, 'db-primary');
  await backups(page).getByRole('button', { name: 'Cancel backups' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel backups of db-primary' });
  await expect(dialog).toContainText('every backup of this instance, the snapshot included');
  await dialog.getByLabel('Type db-primary to confirm').fill('db');
  await dialog.getByRole('button', { name: 'Cancel backups and delete them' }).click();
  await expect(dialog.getByText("Type the instance's label, db-primary, to confirm.")).toBeVisible();
  await dialog.getByLabel('Type db-primary to confirm').fill('db-primary');
  await dialog.getByRole('button', { name: 'Cancel backups and delete them' }).click();
  await expect(backups(page)).toContainText('The backup service is off');
  await expect(backups(page).getByTestId('backup-row')).toHaveCount(0);
});
