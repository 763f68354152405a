import { CreateBucketCommand } from '@aws-sdk/client-s3';
import type { Page } from '@playwright/test';
import { s3 as S3 } from '../scripts/swift/start.mjs';
import { expect, expectAccessible, test, USERS } from './fixtures';
import { swiftAdmin } from '../tests/object-store';

// The Storage page, end to end: an admin points a region's backup store at S3 (the loopback
// Swift that e2e/global-setup.ts starts), tests the connection, generates a key and sees it
// once; a member cannot reach the page. The store is reset at the end, so later specs find the
// default folder again.

const bucket = `lifeboat-e2e-${Date.now().toString(36)}`;
const url = `s3://${bucket}/backups/eu-central?endpoint=${S3.endpoint}&path-style=true`;
const REGION = 'Backups in Frankfurt (eu-central)';

test.beforeAll(async () => {
  const client = swiftAdmin();
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
});

const store = (page: Page) => page.getByRole('region', { name: REGION });

/** Fills the region's store form from the keyboard only, the way someone without a mouse would. */
async function pointStoreAtS3(page: Page) {
  const form = store(page).getByRole('form', { name: `Change ${REGION}` });
  await form.getByLabel('Address').focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(url);
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Access key ID (S3 only)')).toBeFocused();
  await page.keyboard.type(S3.accessKeyId);
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Secret access key (S3 only)')).toBeFocused();
  await page.keyboard.type(S3.secretAccessKey);
  // Into the key choices (a radio group: the arrow keys move and choose).
  await page.keyboard.press('Tab');
  await expect(form.getByRole('radio', { name: /^No key/ })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(form.getByRole('radio', { name: /^Generate a key/ })).toBeChecked();
  return form;
}

test.describe('as an admin', () => {
  test.use({ storageState: USERS.admin.state });

  test('points a region at S3, tests the connection, and sees a generated key exactly once', async ({ page }) => {
    await page.goto('/admin');
    await page.getByRole('navigation', { name: 'Admin console' }).getByRole('link', { name: 'Storage' }).click();
    await expect(page.getByRole('heading', { name: 'Storage', level: 1 })).toBeVisible();
    await expect(store(page).getByTestId('store-source')).toHaveText('The default folder');
    await expectAccessible(page);

    const held = Number(
      (await store(page)
        .getByText(/^\d+ backups?$/)
        .textContent())!.split(' ')[0],
    );
    const form = await pointStoreAtS3(page);
    // A store that already holds backups asks first, and says they are not moved.
    const confirm = form.getByRole('checkbox', { name: /already in this store stay in .* and are not moved/ });
    await expect(confirm).toHaveCount(held > 0 ? 1 : 0);
    if (held > 0) {
      await page.keyboard.press('Tab');
      await expect(confirm).toBeFocused();
      await page.keyboard.press('Space');
    }
    await page.keyboard.press('Tab');
    await expect(form.getByRole('button', { name: 'Save' })).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(form.getByRole('status').filter({ hasText: /^Saved\./ })).toBeVisible();
    const key = (await form.getByTestId('store-key').textContent())!;
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    await expect(form).toContainText(
      "Lifeboat cannot read this store's backups without it; keep it somewhere other than this host.",
    );
    await expect(store(page).getByTestId('store-url')).toHaveText(url);
    await expect(store(page).getByTestId('store-source')).toContainText('An admin setting');
    await expect(store(page).getByTestId('store-credentials')).toHaveText(
      `Access key ${S3.accessKeyId} and its secret are set`,
    );
    await expect(store(page).getByTestId('store-encryption')).toHaveText('Encrypted with this store’s own key');
    await expect(form.getByLabel('Secret access key (S3 only)')).toHaveValue('');
    await expectAccessible(page);

    await store(page)
      .getByRole('button', { name: `Test connection to ${REGION}` })
      .click();
    await expect(
      store(page)
        .getByRole('status')
        .filter({ hasText: `Connected to s3://${bucket}/backups/eu-central/` }),
    ).toBeVisible();

    // Once shown, never again: not after a reload, not anywhere in the page.
    await page.reload();
    await expect(store(page).getByTestId('store-encryption')).toHaveText('Encrypted with this store’s own key');
    await expect(page.getByTestId('store-key')).toHaveCount(0);
    expect(await page.content()).not.toContain(key);
    expect(await page.content()).not.toContain(`value="${S3.secretAccessKey}"`);

    // Back to the default folder, confirmed in a dialog, so later specs find the store as it was.
    await store(page)
      .getByRole('button', { name: `Reset ${REGION} to default` })
      .click();
    const dialog = page.getByRole('dialog', { name: `Reset ${REGION} to its default folder?` });
    if (held > 0) await dialog.getByRole('checkbox', { name: /stay there and are not moved/ }).check();
    await dialog.getByRole('button', { name: 'Yes, reset to the default folder' }).click();
    await expect(dialog).toBeHidden();
    await expect(store(page).getByTestId('store-source')).toHaveText('The default folder');
    await expect(store(page).getByTestId('store-encryption')).toHaveText('Not encrypted');

    await page.goto('/audit?action=store');
    const rows = page.getByTestId('audit-row');
    await expect(rows.filter({ hasText: 'store.set' }).first()).toContainText('credentials set; key generated');
    await expect(rows.filter({ hasText: 'store.test' }).first()).toContainText('Connected to');
    expect(await page.content()).not.toContain(key);
  });
});

test.describe('as a member', () => {
  test.use({ storageState: USERS.member.state });

  test('cannot reach the Storage page, nor see it in the navigation', async ({ page }) => {
    const response = await page.goto('/admin/storage');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Storage' })).toHaveCount(0);
  });
});
