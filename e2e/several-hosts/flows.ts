import type { Locator, Page } from '@playwright/test';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '@/lib/db/client';
import { digestFile } from '@/lib/storage/digest';
import { expect } from '../fixtures';

// What the several-hosts spec does in the browser and checks in the shared database and folders.

/** Waits for the job shown in `scope` to end (a failure fails at once, not after the timeout), and for it to be done. */
export async function expectJobDone(scope: Page | Locator) {
  const status = scope.getByTestId('job-status');
  await expect(status).toHaveText(/^(Done|Failed|Cancelled)$/, { timeout: 90_000 });
  await expect(status).toHaveText('Done');
}

/** Opens the instance on the given web server and starts a capture of its disk. */
export async function captureImage(page: Page, web: string, instance: string, label: string) {
  await page.goto(`${web}/instances?q=${instance}`);
  await page.getByRole('link', { name: instance, exact: true }).click();
  await expect(page.getByRole('heading', { name: instance, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Capture image' }).click();
  const dialog = page.getByRole('dialog', { name: 'Capture image' });
  await dialog.getByLabel('Label').fill(label);
  await dialog.getByRole('button', { name: 'Capture image' }).click();
  await expect(dialog.getByTestId('job-progress')).toBeVisible();
  return dialog;
}

/** Deploys a new Nano instance in eu-central from the image, on the given web server. */
export async function deployImage(page: Page, web: string, image: string, label: string) {
  await page.goto(`${web}/images`);
  await page.getByTestId('image-row').filter({ hasText: image }).getByRole('link', { name: 'Deploy' }).click();
  await expect(page.getByRole('heading', { name: `Deploy a new instance from ${image}` })).toBeVisible();
  await page.getByLabel('Label').fill(label);
  await page.getByLabel('Region').selectOption('eu-central');
  await page.getByRole('radio', { name: /Nano 1 GB/ }).check();
  await page.getByRole('button', { name: 'Deploy from image' }).click();
  await expectJobDone(page);
  await page.getByRole('link', { name: 'Go to the new instance' }).click();
  await expect(page.getByRole('heading', { name: label, level: 1 })).toBeVisible();
  await expect(page.getByText('running', { exact: true })).toBeVisible();
}

/** Renames an image from the Images page of whichever server the page comes from. */
export async function renameImage(page: Page, web: string, from: string, to: string) {
  await page.goto(`${web}/images`);
  await page.getByTestId('image-row').filter({ hasText: from }).getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: `Edit ${from}` });
  await edit.getByLabel('Label').fill(to);
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('image-row').filter({ hasText: to })).toBeVisible();
}

/** Deletes an image with its typed confirmation (which queues the image store's collection). */
export async function deleteImage(page: Page, web: string, label: string) {
  await page.goto(`${web}/images`);
  await page.getByTestId('image-row').filter({ hasText: label }).getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete ${label}` });
  await dialog.getByLabel(`Type ${label} to confirm`).fill(label);
  await dialog.getByRole('button', { name: 'Delete image' }).click();
  await expect(page.getByTestId('image-row').filter({ hasText: label })).toHaveCount(0);
}

/**
 * Records, every 25 ms until stopped, which worker holds each running job of a kind: the row
 * keeps its lease owner only while the job runs, so this is how a test sees where it ran.
 */
export function watchOwners(db: Db, kind: string) {
  const owners = new Map<string, Set<string>>();
  let watching = true;
  let failure: unknown;
  const loop = (async () => {
    while (watching) {
      try {
        for (const job of await db.job.findMany({
          where: { kind, status: 'running' },
          select: { id: true, leaseOwner: true },
        })) {
          if (job.leaseOwner) owners.set(job.id, (owners.get(job.id) ?? new Set()).add(job.leaseOwner));
        }
      } catch (error) {
        failure = error;
        return;
      }
      await sleep(25);
    }
  })();
  const stop = async () => {
    watching = false;
    await loop;
  };
  watchers.add(stop);
  return {
    /** The owners seen for the job, once the watch has stopped. */
    async ownersOf(jobId: string): Promise<string[]> {
      await stop();
      if (failure) throw failure;
      return [...(owners.get(jobId) ?? [])];
    },
  };
}

const watchers = new Set<() => Promise<void>>();

/** Ends every watch still running (a test that failed half-way leaves them on). */
export async function stopWatching() {
  await Promise.all([...watchers].map((stop) => stop()));
  watchers.clear();
}

/** The deployed instance's primary disk, read from the shared region folder, has the image's digest. */
export async function expectDeployedDigest(db: Db, regionsDir: string, instanceLabel: string, imageLabel: string) {
  const image = await db.image.findFirstOrThrow({ where: { label: imageLabel } });
  const instance = await db.instance.findFirstOrThrow({
    where: { label: instanceLabel },
    include: { disks: { where: { kind: 'primary' } } },
  });
  // The local provider's layout: <region storage>/disks/<instance>/<disk>.img (lib/providers/local/paths.ts).
  const file = path.join(regionsDir, instance.region, 'disks', instance.id, `${instance.disks[0].id}.img`);
  expect(image.digest).toMatch(/^[0-9a-f]{64}$/);
  expect(await digestFile(file, { length: Number(image.sizeBytes) })).toBe(image.digest);
}
