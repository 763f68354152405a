import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, expectAccessible, test, USERS } from './fixtures';

// Uploading a disk image file through the browser: the file's own progress (XMLHttpRequest's
// upload events), then the job's (conversion, capture) until the image is available; a file
// that is not a disk image is refused in plain words. On the world of its own (it changes the
// image count the shared world's image specs read).
test.describe.configure({ mode: 'serial', timeout: 180_000 });
test.use({ storageState: USERS.member.state });

/** A 32 MiB ext4 disk with a file written into it by debugfs, as a qcow2: what a user would upload. */
function smallQcow2(dir: string): string {
  const raw = `${dir}/small.raw`;
  const data = `${dir}/data.bin`;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(raw, '');
  fs.truncateSync(raw, 32 * 1024 * 1024);
  execFileSync('mkfs.ext4', ['-q', '-F', raw]);
  fs.writeFileSync(data, Buffer.alloc(2 * 1024 * 1024, 'uploaded by the end-to-end tests\n'));
  execFileSync('debugfs', ['-w', '-R', `write ${data} hello.txt`, raw]);
  execFileSync('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, `${dir}/small.qcow2`]);
  fs.rmSync(raw);
  fs.rmSync(data);
  return `${dir}/small.qcow2`;
}

async function openUpload(page: import('@playwright/test').Page) {
  await page.goto('/images');
  await page.getByRole('button', { name: 'Upload image' }).click();
  return page.getByRole('dialog', { name: 'Upload a disk image' });
}

test('uploading a small qcow2 shows the upload, then the job, until the image is available', async ({
  page,
}, testInfo) => {
  const file = smallQcow2(testInfo.outputPath('files'));
  const dialog = await openUpload(page);
  await expectAccessible(page);
  await dialog.getByLabel('Disk image file').setInputFiles(file);
  await dialog.getByLabel('Label').fill('uploaded golden');
  await dialog.getByRole('button', { name: 'Upload image' }).click();
  const progress = dialog.getByTestId('job-progress');
  await expect(progress).toBeVisible({ timeout: 60_000 });
  await expect(progress.getByTestId('job-status')).toHaveText('Done', { timeout: 120_000 });
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  const row = page.getByTestId('image-row').filter({ hasText: 'uploaded golden' });
  await expect(row.getByTestId('image-status')).toHaveText('available');
  await expect(row).toContainText('Uploaded: small.qcow2');
});

test('a file that is not a disk image, or a bad label, is refused in plain words', async ({ page }, testInfo) => {
  const text = testInfo.outputPath('notes.txt');
  fs.writeFileSync(text, 'Not a disk at all.\n');
  const dialog = await openUpload(page);
  // Keyboard only: the file input, then the label, then submit.
  await dialog.getByLabel('Disk image file').setInputFiles(text);
  await dialog.getByLabel('Label').fill('bad/label');
  await dialog.getByLabel('Label').press('Enter');
  await expect(dialog.getByText("Use only letters, digits, spaces and , . ? - _ '")).toBeVisible();
  await expect(dialog.getByLabel('Label')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await dialog.getByLabel('Label').fill('my notes');
  await dialog.getByLabel('Label').press('Enter');
  const progress = dialog.getByTestId('job-progress');
  await expect(progress.getByTestId('job-status')).toHaveText('Failed', { timeout: 120_000 });
  await expect(progress).toContainText('"notes.txt" is not a disk image');
  await page.keyboard.press('Escape');
  const row = page.getByTestId('image-row').filter({ hasText: 'my notes' });
  await expect(row.getByTestId('image-status')).toHaveText('failed');
});
