import type { Page } from '@playwright/test';
import { expect, expectAccessible, openInstance, test, USERS } from './fixtures';

// An instance is deleted from its page with its exact label typed. The member
// deploys an instance of their own first (from a snapshot of bulk-00007, a Platform instance with
// backups on that no other spec uses; images are left alone, their count is the images spec's),
// then deletes it: a wrong label is refused and kept, the right one deletes it and lands on the
// list with a confirmation. The dialog is checked by axe and worked from the keyboard alone.

test.describe.configure({ mode: 'serial', timeout: 240_000 });

const COPY = 'scratch-copy';

async function deployCopy(page: Page) {
  await openInstance(page, 'bulk-00007');
  const backups = page.getByRole('region', { name: 'Backups' });
  await backups.getByRole('button', { name: 'Take snapshot' }).click();
  const snap = page.getByRole('dialog', { name: 'Take snapshot' });
  await snap.getByLabel('Snapshot label').fill('for the delete test');
  await snap.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(snap.getByTestId('job-status')).toHaveText('Done', { timeout: 120_000 });
  await page.keyboard.press('Escape');
  const row = backups.getByTestId('backup-row').filter({ hasText: 'for the delete test' });
  await expect(row.getByTestId('backup-status')).toHaveText('successful');
  await row.getByRole('link', { name: 'Deploy' }).click();
  await page.waitForURL(/\/backups\/[^/]+\/deploy$/);
  await page.getByLabel('Label').fill(COPY);
  await page.getByRole('button', { name: 'Deploy from backup' }).click();
  await expect(page.getByTestId('job-status')).toHaveText('Done', { timeout: 120_000 });
  await page.getByRole('link', { name: 'Go to the new instance' }).click();
  await expect(page.getByRole('heading', { name: COPY, level: 1 })).toBeVisible();
}

test.describe('as the member', () => {
  test.use({ storageState: USERS.member.state });

  test('deletes a deployed instance with its typed label, refusing a wrong one, from the keyboard', async ({
    page,
  }) => {
    await deployCopy(page);
    const zone = page.getByRole('region', { name: 'Danger zone' });
    await expect(zone).toContainText('Delete this instance with its disks and backups. Its images stay.');

    // Opened from the keyboard: focus the button and press Enter.
    await zone.getByRole('button', { name: 'Delete instance' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Delete ${COPY}` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(
      `Deleting ${COPY} removes it for good, with 2 disks, 0 automatic backups and no snapshot.`,
    );
    await expect(dialog).toContainText('Images taken of it would stay');
    await expectAccessible(page);

    // A wrong label is refused in words by the field, keeps what was typed, and deletes nothing.
    const confirm = dialog.getByLabel(`Type ${COPY} to confirm`);
    await confirm.focus();
    await page.keyboard.type('scratch');
    await page.keyboard.press('Enter');
    await expect(dialog.getByText(`Type the instance's label, ${COPY}, to confirm.`)).toBeVisible();
    await expect(confirm).toHaveValue('scratch');
    await expect(confirm).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);

    // Escape closes it; nothing was deleted.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await page.reload();
    await expect(page.getByRole('heading', { name: COPY, level: 1 })).toBeVisible();

    await page.getByRole('button', { name: 'Delete instance' }).focus();
    await page.keyboard.press('Enter');
    await dialog.getByLabel(`Type ${COPY} to confirm`).focus();
    await page.keyboard.type(COPY);
    await page.keyboard.press('Enter');

    await expect(page).toHaveURL(/\/instances$/);
    await expect(
      page.getByRole('status').filter({ hasText: `Instance ${COPY} deleted, with its disks and 0 backups.` }),
    ).toBeVisible();
    await expectAccessible(page);
    await page.goto(`/instances?q=${COPY}`);
    await expect(page.getByTestId('instance-row')).toHaveCount(0);

    // The audit log has the refusal and the deletion, under the team.
    await page.goto('/audit?action=instance.delete');
    const entries = page.getByTestId('audit-row').filter({ hasText: COPY });
    await expect(entries.filter({ hasText: 'success' })).toHaveCount(1);
    await expect(entries.filter({ hasText: 'refused' })).toHaveCount(1);
  });
});

test.describe('as the viewer', () => {
  test.use({ storageState: USERS.viewer.state });

  test('sees no danger zone on an instance of their team', async ({ page }) => {
    await openInstance(page, 'web-frontend-1');
    await expect(page.getByRole('heading', { name: 'Disks' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Danger zone' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Delete instance' })).toHaveCount(0);
  });
});
