import { expect, expectAccessible, test, USERS } from './fixtures';

// Provider accounts in the admin console. It adds an account, which changes what the images page
// counts, so it runs on the world of its own (playwright.config.ts); the Linode flow may add its
// account there before or after this one.
test.use({ storageState: USERS.admin.state });

test('an admin adds a provider account with an API token that is stored but never shown again', async ({ page }) => {
  const token = 'lbt-e2e-secret-token-0123456789';
  await page.goto('/admin/accounts');
  const add = page.getByRole('form', { name: 'Add an account' });
  await add.getByLabel('Name').fill('Staging host');
  await add.getByLabel('API token (optional)').fill(token);
  await add.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByText('Account Staging host added.')).toBeVisible();
  const tokenForm = page.getByRole('form', { name: 'API token of Staging host' });
  await expect(tokenForm).toContainText('An API token is set.');
  expect(await page.content()).not.toContain(token);
  await expectAccessible(page);

  await tokenForm.getByRole('button', { name: 'Clear token' }).click();
  await expect(tokenForm).toContainText('No API token is set.');

  await page.goto('/audit?action=account');
  const rows = page.getByTestId('audit-row').filter({ hasText: 'Staging host' });
  await expect(rows.filter({ hasText: 'account.create' })).toContainText('token set');
  await expect(rows.filter({ hasText: 'account.token' }).first()).toContainText('token cleared');
  expect(await page.content()).not.toContain(token);
});

// Connecting a Linode account is the first step of e2e/linode.spec.ts.
