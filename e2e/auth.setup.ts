import { expect, test as setup } from '@playwright/test';
import { signIn, USERS } from './fixtures';

// Signs in once per role and saves the session for the tests that act as that role.
for (const [role, user] of Object.entries(USERS)) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, user.email, user.password);
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    await page.context().storageState({ path: user.state });
  });
}
