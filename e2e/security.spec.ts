import { expect, signIn, test, USERS } from './fixtures';

// The security basics a user never sees but relies on: headers, the session cookie, and the
// sign-in throttle. Signed out unless a test signs in itself.

test('pages carry a nonce-based Content-Security-Policy, frame-ancestors none and nosniff', async ({
  page,
  request,
}) => {
  const response = await page.goto('/signin');
  const csp = response!.headers()['content-security-policy'];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=_-]+' 'strict-dynamic'/);
  expect(csp).not.toContain("'unsafe-eval'");
  expect(response!.headers()['x-content-type-options']).toBe('nosniff');
  // Next puts the nonce on its own scripts, so the page still works (the fixture fails on any violation).
  expect(await page.locator('script[nonce]').count()).toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  const api = await request.get('/api/health');
  expect(api.headers()['x-content-type-options']).toBe('nosniff');
  expect(api.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
});

test('the session lives in an HTTP-only, Secure, SameSite=Lax cookie', async ({ page, context }) => {
  await signIn(page, USERS.viewer.email, USERS.viewer.password);
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  const session = (await context.cookies()).find((c) => c.name.endsWith('next-auth.session-token'));
  expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
});

test('sign-in is throttled per account after five failures, with a clear message', async ({ page }) => {
  const email = 'locked-out@lifeboat.local';
  for (let i = 0; i < 5; i += 1) {
    await signIn(page, email, `wrong guess ${i}`);
    await expect(page.getByText('Wrong email or password.')).toBeVisible();
  }
  await signIn(page, email, 'one more guess');
  await expect(page.getByText(/Too many failed sign-ins\. Try again in 1[45] minutes\./)).toBeVisible();
});
