import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { expect, expectAccessible, test, USERS } from './fixtures';

// The alert settings screen, end to end: an admin allows webhooks to private addresses (the
// receiver here is on loopback), a member adds a webhook for their team, copies its secret and
// sends a test that a real receiver checks with the Standard Webhooks library; the delivery log
// shows the answer; a viewer only looks. On the own world: its test delivery is a job other
// specs would count. The steps build on each other, so they run in order.
test.describe.configure({ mode: 'serial', timeout: 90_000 });

async function as(browser: Browser, state: string): Promise<Page> {
  const context = await browser.newContext({ storageState: state });
  return context.newPage();
}

let secret = '';
const received: { verified: boolean; type?: string }[] = [];
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    try {
      const payload = new Webhook(secret).verify(body, {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      }) as { type: string };
      received.push({ verified: true, type: payload.type });
    } catch {
      received.push({ verified: false });
    }
    res.writeHead(202, { 'content-type': 'text/plain' }).end('thanks');
  });
});
let receiverUrl = '';

test.beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/lifeboat`;
});
test.afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

test('an admin allows webhooks to private addresses', async ({ browser }) => {
  const page = await as(browser, USERS.admin.state);
  await page.goto('/admin');
  await page.getByRole('navigation', { name: 'Admin console' }).getByRole('link', { name: 'Alerts' }).click();
  await expect(page.getByRole('heading', { name: 'Alert settings', level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Allow webhooks to private, loopback and link-local addresses').check();
  await page.getByRole('form', { name: 'Webhook targets' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Webhooks may now reach private and loopback addresses.')).toBeVisible();
});

test('a member adds a webhook, sends a test from the keyboard and reads the answer in the log', async ({ browser }) => {
  const page = await as(browser, USERS.member.state);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
  await expect(page.getByRole('heading', { name: 'Platform', level: 2 })).toBeVisible();
  const form = page.getByRole('form', { name: 'Add a webhook' });
  // A URL that is not one is refused on its field, and nothing is added.
  await form.getByLabel('Name').fill('On-call');
  await form.getByLabel('URL').fill('ftp://hooks.example.com/x');
  await form.getByRole('button', { name: 'Add webhook' }).click();
  await expect(form.getByText('Use an http:// or https:// URL.')).toBeVisible();
  await expect(form.getByLabel('URL')).toHaveAttribute('aria-invalid', 'true');
  // Only the events this spec can cause: nothing else on this world may send to it.
  await form.getByLabel('URL').fill(receiverUrl);
  for (const label of [
    'A backup failed',
    'Backups are overdue (none successful in 26 hours)',
    'An image capture or upload failed',
    'A restore failed',
    'A deploy from an image or a backup failed',
  ])
    await form.getByLabel(label, { exact: true }).uncheck();
  await form.getByRole('button', { name: 'Add webhook' }).click();
  await expect(page.getByTestId('webhook-secret')).toBeVisible();
  secret = (await page.getByTestId('webhook-secret').locator('code').textContent())!.trim();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
  const card = page.getByTestId('destination').filter({ hasText: 'On-call' });
  await expect(card).toContainText(receiverUrl);
  await expect(card.getByText('Nothing sent yet.')).toBeVisible();
  await expectAccessible(page);

  await card.getByRole('button', { name: 'Send test On-call' }).focus();
  await page.keyboard.press('Enter');
  await expect(card.getByText(/Test alert queued for On-call/)).toBeVisible();
  const row = card.getByTestId('delivery-row').first();
  await expect(row).toContainText('alert.test');
  await expect(row).toContainText('delivered', { timeout: 30_000 });
  await expect(row).toContainText('202');
  await expect(row).toContainText('thanks');
  expect(received).toEqual([{ verified: true, type: 'alert.test' }]);
  await expectAccessible(page);
});

test("a viewer sees their team's alerts and cannot change them", async ({ browser }) => {
  const page = await as(browser, USERS.viewer.state);
  await page.goto('/alerts');
  await expect(page.getByTestId('viewer-note')).toContainText('You are a viewer of Web');
  await expect(page.getByRole('form', { name: 'Add a webhook' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Add an email address' })).toHaveCount(0);
  await expectAccessible(page);
});

test('the member turns the webhook off and removes it; the admin allows public addresses only again', async ({
  browser,
}) => {
  const page = await as(browser, USERS.member.state);
  await page.goto('/alerts');
  const card = page.getByTestId('destination').filter({ hasText: 'On-call' });
  await card.getByRole('button', { name: 'Turn off On-call' }).click();
  await expect(card.getByText('On-call is off.')).toBeVisible();
  await card.getByRole('button', { name: 'Remove On-call' }).click();
  await page.getByRole('button', { name: 'Yes, remove On-call' }).click();
  await expect(page.getByTestId('destination').filter({ hasText: 'On-call' })).toHaveCount(0);

  const admin = await as(browser, USERS.admin.state);
  await admin.goto('/admin/alerts');
  await admin.getByLabel('Allow webhooks to private, loopback and link-local addresses').uncheck();
  await admin.getByRole('form', { name: 'Webhook targets' }).getByRole('button', { name: 'Save' }).click();
  await expect(admin.getByText('Webhooks now go to public addresses only.')).toBeVisible();
});
