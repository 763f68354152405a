import { FAKE_LINODE_PORT, FAKE_LINODE_TOKEN } from '../playwright.config';
import { expect, expectAccessible, test, USERS } from './fixtures';

// Provider accounts in the admin console. It adds an account, so it runs after the specs that
// count the demo's one account's images (see playwright.config.ts).
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
  const rows = page.getByTestId('audit-row');
  await expect(rows.filter({ hasText: 'account.create' })).toContainText('token set');
  await expect(rows.filter({ hasText: 'account.token' }).first()).toContainText('token cleared');
  expect(await page.content()).not.toContain(token);
});

test('a Linode account is connected only with a token the Linode API accepts', async ({ page }) => {
  await page.goto('/admin/accounts');
  const add = page.getByRole('form', { name: 'Add an account' });
  await add.getByLabel('Name').fill('Linode (fake)');
  await add.getByLabel('Kind').selectOption('linode');
  await add.getByLabel('API base URL (optional)').fill(`http://127.0.0.1:${FAKE_LINODE_PORT}/v4`);
  await add.getByLabel('API token (optional)').fill('a-mistyped-token');
  await add.getByRole('button', { name: 'Add account' }).click();
  // The read call on save was refused: the message sits by the token field and nothing is saved.
  await expect(add.getByText("Linode refused the API token (401). Check the token in the provider account's settings.").first()).toBeVisible();
  await expect(page.getByRole('form', { name: 'API token of Linode (fake)' })).toHaveCount(0);

  // React clears a form after its action runs, so the fields are typed again.
  await add.getByLabel('Name').fill('Linode (fake)');
  await add.getByLabel('Kind').selectOption('linode');
  await add.getByLabel('API base URL (optional)').fill(`http://127.0.0.1:${FAKE_LINODE_PORT}/v4`);
  await add.getByLabel('API token (optional)').fill(FAKE_LINODE_TOKEN);
  await add.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByText('Account Linode (fake) added.')).toBeVisible();
  await expect(page.getByRole('form', { name: 'API token of Linode (fake)' })).toContainText('An API token is set.');
  expect(await page.content()).not.toContain(FAKE_LINODE_TOKEN);
  await expectAccessible(page);
});
