import { expect, expectAccessible, signIn, test, USERS } from './fixtures';

test.describe('signing in and out', () => {
  test('a visitor without a session is sent to sign in, from any page', async ({ page }) => {
    for (const path of ['/', '/instances', '/instances/some-id']) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/signin/);
    }
    await expectAccessible(page);
  });

  test('signing in returns to the page that asked for it', async ({ page }) => {
    await page.goto('/instances?q=db-');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    await page.getByLabel('Email').fill(USERS.member.email);
    await page.getByLabel('Password').fill(USERS.member.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/instances\?q=db-/);
    await expect(page.getByRole('heading', { name: 'Instances' })).toBeVisible();
  });

  test('a wrong password gets a clear message and no session', async ({ page }) => {
    await signIn(page, USERS.admin.email, 'not-the-password');
    await expect(page.getByText('Wrong email or password.')).toBeVisible();
    await page.goto('/instances');
    await expect(page).toHaveURL(/\/signin/);
  });

  test('the demo admin signs in from the keyboard and signs out', async ({ page }) => {
    await page.goto('/signin');
    await page.getByLabel('Email').focus();
    await page.keyboard.type(USERS.admin.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(USERS.admin.password);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    await expect(page.getByRole('banner').getByText('Ada Admin')).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/signin/);
  });
});
