import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { decode, encode, type JWT } from 'next-auth/jwt';
import { E2E_DATA_DIR } from '../playwright.config';
import { expect, expectAccessible, signIn, test, USERS } from './fixtures';

// A session lasts 12 hours from sign-in, however it is used (README, Security). Tokens are
// forged here exactly as the server makes them: next-auth's encode with the server's own secret
// (start.mjs keeps it in the data directory), each with a fresh expiry, as a session that had
// been sliding along would carry.

const COOKIE = '__Secure-next-auth.session-token';
const HOUR = 60 * 60;
const secret = () =>
  process.env.NEXTAUTH_SECRET || fs.readFileSync(path.join(E2E_DATA_DIR, '.nextauth-secret'), 'utf8').trim();
const nowS = () => Date.now() / 1000;

async function sessionCookie(context: BrowserContext) {
  const cookie = (await context.cookies()).find((c) => c.name === COOKIE);
  expect(cookie).toBeDefined();
  return cookie!;
}

async function signInAsAdmin(page: Page): Promise<JWT> {
  await signIn(page, USERS.admin.email, USERS.admin.password);
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  return (await decode({ token: (await sessionCookie(page.context())).value, secret: secret() }))!;
}

async function useToken(context: BrowserContext, claims: JWT) {
  const value = await encode({ token: claims, secret: secret(), maxAge: 12 * HOUR });
  await context.addCookies([
    { name: COOKIE, value, domain: '127.0.0.1', path: '/', httpOnly: true, secure: true, sameSite: 'Lax' },
  ]);
}

async function expectRefused(page: Page) {
  await page.goto('/instances?q=db-');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Finstances%3Fq%3Ddb-/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect((await page.request.get('/api/audit/export')).status()).toBe(401);
  expect(await (await page.request.get('/api/auth/session')).json()).not.toHaveProperty('user');
}

test('session reads neither re-issue the cookie nor move the sign-in time', async ({ page, context }) => {
  const claims = await signInAsAdmin(page);
  const signedInAt = claims.signedInAt as number;
  expect(signedInAt).toBeGreaterThan(nowS() - 120);
  expect(signedInAt).toBeLessThanOrEqual(nowS() + 1);
  // The token and the cookie both end 12 hours after sign-in.
  const first = await sessionCookie(context);
  expect(claims.exp).toBeLessThanOrEqual(signedInAt + 12 * HOUR + 1);
  expect(Math.abs(first.expires - (signedInAt + 12 * HOUR))).toBeLessThan(5);

  const answer = await page.request.get('/api/auth/session');
  expect(answer.ok()).toBe(true);
  expect(
    answer.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith(`${COOKIE}=`)),
  ).toEqual([]);
  expect(await answer.json()).toMatchObject({
    user: { email: USERS.admin.email },
    expires: new Date((signedInAt + 12 * HOUR) * 1000).toISOString(),
  });
  await page.goto('/instances');
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  expect(await sessionCookie(context)).toEqual(first);
});

test('a session signed in 11 hours ago still works, and one from 12 hours and a minute ago is refused', async ({
  page,
  context,
}) => {
  const { sub, sv } = await signInAsAdmin(page);
  const hoursAgo = (hours: number) => Math.floor(nowS() - hours * HOUR);

  const elevenHours = hoursAgo(11);
  await useToken(context, { sub, sv, signedInAt: elevenHours });
  await page.goto('/instances?q=db-');
  await expect(page.getByRole('heading', { name: 'Instances' })).toBeVisible();
  expect((await page.request.get('/api/audit/export')).status()).toBe(200);
  // It says when it really ends, an hour from now, and reading it changed nothing.
  const session = await (await page.request.get('/api/auth/session')).json();
  expect(session.expires).toBe(new Date((elevenHours + 12 * HOUR) * 1000).toISOString());
  expect((await decode({ token: (await sessionCookie(context)).value, secret: secret() }))!.signedInAt).toBe(
    elevenHours,
  );

  await useToken(context, { sub, sv, signedInAt: hoursAgo(12 + 1 / 60) });
  await expectRefused(page);
  await expectAccessible(page);
});

test('a token from before the limit, with no sign-in time, is refused: its holder signs in again', async ({
  page,
  context,
}) => {
  const { sub, sv } = await signInAsAdmin(page);
  await useToken(context, { sub, sv });
  await expectRefused(page);
  // Signing in again gives a session that works.
  await signInAsAdmin(page);
  expect((await page.request.get('/api/audit/export')).status()).toBe(200);
});
