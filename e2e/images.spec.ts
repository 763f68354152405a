import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, openInstance, test, USERS } from './fixtures';

const run = promisify(execFile);

// Image flows share the account's image count, so they run one after another.
test.describe.configure({ mode: 'serial', timeout: 180_000 });
test.use({ storageState: USERS.admin.state });

async function captureImage(page: Page, instance: string, label: string) {
  await openInstance(page, instance);
  await page.getByRole('button', { name: 'Capture image' }).click();
  const dialog = page.getByRole('dialog', { name: 'Capture image' });
  await expect(dialog.getByLabel('Label')).toHaveValue(`${instance}-disk`);
  await dialog.getByLabel('Label').fill(label);
  await dialog.getByLabel('Description (optional)').fill('Taken by the end-to-end tests');
  await dialog.getByRole('button', { name: 'Capture image' }).click();
  return dialog;
}

test('capturing an image shows live progress until it is available', async ({ page }) => {
  const dialog = await captureImage(page, 'cache-redis', 'web frontend golden');
  const progress = dialog.getByTestId('job-progress');
  await expect(progress).toBeVisible();
  // The shared world's one worker may still be busy with another spec's job ("Waiting for a
  // worker…"): the live figures are what is checked, not how soon they start.
  await expect(progress.getByTestId('job-progress-text')).toContainText(/\d+ %.*(MB\/s|of)/, { timeout: 90_000 });
  await expect(progress.getByTestId('job-status')).toHaveText('Done', { timeout: 120_000 });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: 'Images' }).getByText('web frontend golden')).toBeVisible();

  await page.getByRole('link', { name: 'Images', exact: true }).first().click();
  const row = page.getByTestId('image-row').filter({ hasText: 'web frontend golden' });
  await expect(row.getByTestId('image-status')).toHaveText('available');
  await expect(row).toContainText('Ada Admin');
  await expect(row).toContainText('cache-redis / disk');
  await expect(page.getByTestId('image-count')).toContainText('1 of 25 images');
  await expectAccessible(page);
});

test('an image downloads as qcow2 (smaller than the disk, and qemu-img checks it) or as the raw full-size disk', async ({
  page,
}) => {
  await page.goto('/images');
  const row = page.getByTestId('image-row').filter({ hasText: 'web frontend golden' });
  // From the keyboard: the button opens the dialog, the links are reached with Tab.
  await row.getByRole('button', { name: 'Download' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Download web frontend golden' });
  await expect(dialog).toContainText('the file is the full disk size, 25 GiB, with zeros where the disk is empty');
  await expectAccessible(page);

  const qcow2 = dialog.getByRole('link', { name: 'qcow2 (.qcow2)' });
  await qcow2.focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe('web-frontend-golden.qcow2');
  const file = await download.path();
  const { size } = await fs.stat(file);
  expect(size).toBeGreaterThan(1024 * 1024);
  expect(size).toBeLessThan(2 * 1024 ** 3);
  const check = await run('/usr/bin/qemu-img', ['check', '--output=json', '-f', 'qcow2', file]);
  expect(JSON.parse(check.stdout)).toMatchObject({ 'check-errors': 0 });
  const info = JSON.parse((await run('/usr/bin/qemu-img', ['info', '--output=json', file])).stdout);
  expect(info['virtual-size']).toBe(25 * 1024 ** 3);
  await download.delete();

  // The raw file is all 25 GiB: its name and the start of it are enough here; cancelling stops it.
  const [raw] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('link', { name: 'Raw disk (.raw)' }).click(),
  ]);
  expect(raw.suggestedFilename()).toBe('web-frontend-golden.raw');
  await raw.cancel();
  expect(await raw.failure()).toBe('canceled');
});

test('an instance over the ceiling is refused before anything starts, with a snapshot offered', async ({ page }) => {
  await openInstance(page, 'db-primary');
  await page.getByRole('button', { name: 'Capture image' }).click();
  const dialog = page.getByRole('dialog', { name: 'Capture image' });
  await expect(dialog.getByRole('alert')).toContainText('6.3 GiB of data, over the 6 GiB limit');
  await expect(dialog.getByRole('link', { name: 'Take a backup snapshot instead' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Capture image' })).toHaveCount(0);
  await expectAccessible(page);
});

async function setImageLimit(page: Page, limit: number) {
  await page.goto('/admin/accounts');
  const form = page.getByRole('form', { name: 'Limits of Local host' });
  await form.getByLabel('Images per account').fill(String(limit));
  await form.getByRole('button', { name: 'Save limits' }).click();
  await expect(form.getByText('Limits saved.')).toBeVisible();
}

test('the image after the last allowed one is refused with "N of N", limits lowered in the settings', async ({
  page,
}) => {
  await setImageLimit(page, 1);
  await expectAccessible(page);
  try {
    await openInstance(page, 'api-gateway');
    await page.getByRole('button', { name: 'Capture image' }).click();
    const dialog = page.getByRole('dialog', { name: 'Capture image' });
    await expect(dialog.getByRole('alert')).toContainText('1 of 1 images');
    await expect(dialog.getByRole('link', { name: 'Choose images to delete' })).toBeVisible();
  } finally {
    await setImageLimit(page, 25);
  }
});

test('account limits refuse bad input with a message by the field', async ({ page }) => {
  await page.goto('/admin/accounts');
  const form = page.getByRole('form', { name: 'Limits of Local host' });
  await form.getByLabel('Images per account').fill('-3');
  await form.getByRole('button', { name: 'Save limits' }).click();
  await expect(form.getByText('The limit cannot be negative.')).toBeVisible();
});

test('an image is edited, deployed to a new instance, and deleted with a typed confirmation', async ({ page }) => {
  await page.goto('/images');
  const row = page.getByTestId('image-row').filter({ hasText: 'web frontend golden' });
  await row.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit web frontend golden' });
  await edit.getByLabel('Label').fill('bad/label');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit.getByText("Use only letters, digits, spaces and , . ? - _ '")).toBeVisible();
  await edit.getByLabel('Label').fill('web golden');
  await edit.getByRole('button', { name: 'Save' }).click();
  const golden = page.getByTestId('image-row').filter({ hasText: 'web golden' });
  await expect(golden).toBeVisible();

  await golden.getByRole('link', { name: 'Deploy' }).click();
  await expect(page.getByRole('heading', { name: 'Deploy a new instance from web golden' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Label').fill('web-from-golden');
  await page.getByLabel('Region').selectOption('us-east');
  await page.getByRole('radio', { name: /Standard 2 GB/ }).check();
  await page.getByRole('button', { name: 'Deploy from image' }).click();
  await expect(page.getByTestId('job-status')).toHaveText('Done', { timeout: 120_000 });
  await page.getByRole('link', { name: 'Go to the new instance' }).click();
  await expect(page.getByRole('heading', { name: 'web-from-golden', level: 1 })).toBeVisible();
  await expect(page.getByText('running', { exact: true })).toBeVisible();

  await page.goto('/images');
  await golden.getByRole('button', { name: 'Delete' }).click();
  const del = page.getByRole('dialog', { name: 'Delete web golden' });
  await del.getByLabel('Type web golden to confirm').fill('web');
  await del.getByRole('button', { name: 'Delete image' }).click();
  await expect(del.getByText("Type the image's label, web golden, to confirm.")).toBeVisible();
  await del.getByLabel('Type web golden to confirm').fill('web golden');
  await del.getByRole('button', { name: 'Delete image' }).click();
  // The list refreshes without the image (and its dialog with it).
  await expect(page.getByTestId('image-row').filter({ hasText: 'web golden' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('image-row').filter({ hasText: 'web golden' })).toHaveCount(0);
  await expect(page.getByTestId('image-count')).toContainText('0 of 25 images');
});

test('a deploy form disables plans too small for the image, saying why', async ({ page }) => {
  const dialog = await captureImage(page, 'staging-web', 'staging image');
  await expect(dialog.getByTestId('job-status')).toHaveText('Done', { timeout: 180_000 });
  await page.goto('/images');
  await page
    .getByTestId('image-row')
    .filter({ hasText: 'staging image' })
    .getByRole('link', { name: 'Deploy' })
    .click();
  const nano = page.getByRole('radio', { name: /Nano 1 GB/ });
  await expect(nano).toBeDisabled();
  await expect(page.getByText('Disk too small: 25 GiB, the image needs 50 GiB')).toBeVisible();
  await expect(page.getByRole('radio', { name: /Standard 2 GB/ })).toBeEnabled();
});
