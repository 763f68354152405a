import { expect, test as setup } from '@playwright/test';
import { BASE_URL, OWN_WORLD_URL } from '../playwright.config';
import { signIn, USERS } from './fixtures';

// Signs in once per role on both worlds (see playwright.config.ts) and saves the session for the
// tests that act as that role: the one storage state holds a cookie for each world's host.
for (const [role, user] of Object.entries(USERS)) {
  setup(`sign in as ${role}`, async ({ page }) => {
    for (const base of [BASE_URL, OWN_WORLD_URL]) {
      await signIn(page, user.email, user.password, base);
      await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    }
    await page.context().storageState({ path: user.state });
  });
}
