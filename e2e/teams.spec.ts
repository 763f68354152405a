import type { Browser, Page } from '@playwright/test';
import { expect, expectAccessible, openInstance, signIn, test, USERS } from './fixtures';

// The three ways in, end to end: an admin sets up a team with a member, an instance and a quota;
// the member signs in with the one-time password and helps themselves inside that team only;
// the audit log shows it all. The steps build on each other, so they run in order.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const member = { email: 'rita@lifeboat.local', name: 'Rita Research', password: 'tide pools and kelp forests' };
let oneTimePassword = '';

async function as(browser: Browser, state?: string): Promise<Page> {
  const context = await browser.newContext(state ? { storageState: state } : {});
  return context.newPage();
}

test('an admin creates a team and a member with a one-time password', async ({ browser }) => {
  const page = await as(browser, USERS.admin.state);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Admin console', level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('navigation', { name: 'Admin console' }).getByRole('link', { name: 'Teams' }).click();
  await page.getByLabel('Team name').fill('Research');
  await page.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByRole('link', { name: 'Open the new team' })).toBeVisible();
  await expect(page.getByTestId('team-row').filter({ hasText: 'Research' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('navigation', { name: 'Admin console' }).getByRole('link', { name: 'Users' }).click();
  const form = page
    .getByRole('form', { name: 'Create user' })
    .or(page.locator('form', { has: page.getByRole('button', { name: 'Create user' }) }));
  await form.getByLabel('Email').fill(member.email);
  await form.getByLabel('Name').fill(member.name);
  await form.getByLabel('First team (optional)').selectOption({ label: 'Research' });
  await form.getByLabel('Role in that team').selectOption('member');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByTestId('one-time-password')).toBeVisible();
  oneTimePassword = (await page.getByTestId('one-time-password').textContent())!.trim();
  expect(oneTimePassword.length).toBeGreaterThanOrEqual(16);
  await expect(page.getByTestId('user-row').filter({ hasText: member.email })).toContainText('Must change password');
  await expectAccessible(page);
});

test('the admin assigns an instance to the team and caps its images at zero', async ({ browser }) => {
  const page = await as(browser, USERS.admin.state);
  await openInstance(page, 'bulk-00005');
  await page.getByLabel('Assign to team').selectOption({ label: 'Research' });
  await page.getByRole('button', { name: 'Move' }).click();
  await expect(page.getByText('bulk-00005 now belongs to team Research.')).toBeVisible();

  await page.goto('/admin/teams');
  await page.getByTestId('team-row').filter({ hasText: 'Research' }).getByRole('link', { name: 'Research' }).click();
  await expect(page.getByRole('heading', { name: 'Research', level: 1 })).toBeVisible();
  await page.getByLabel('Max images').fill('0');
  await page.getByRole('button', { name: 'Save quotas' }).click();
  await expect(page.getByText('Quotas saved.')).toBeVisible();
  await page.getByLabel('Backups required for this team').check();
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByTestId('policy-compliance')).toHaveText(
    '1 of 1 instance has backups off, against this policy.',
  );
  await expectAccessible(page);
});

test('the member must choose a password, then sees only their team, and the quota stops a capture in words', async ({
  browser,
}) => {
  const page = await as(browser);
  await signIn(page, member.email, oneTimePassword);
  await expect(page.getByText('Choose your own password to continue.')).toBeVisible();
  // Anywhere else sends them back until they have.
  await page.goto('/instances');
  await expect(page).toHaveURL(/\/settings/);
  await expect(page.getByText('Choose your own password to continue.')).toBeVisible();
  await page.getByLabel('Current password').fill(oneTimePassword);
  await page.getByLabel('New password', { exact: true }).fill('password1234');
  await page.getByLabel('New password again').fill('password1234');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('This password is too common. Choose something less guessable.')).toBeVisible();
  // React clears a form after its action runs, so every field is typed again.
  await page.getByLabel('Current password').fill(oneTimePassword);
  await page.getByLabel('New password', { exact: true }).fill(member.password);
  await page.getByLabel('New password again').fill(member.password);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Password changed.')).toBeVisible();
  await expectAccessible(page);

  await page.goto('/instances');
  await expect(page.getByTestId('instance-row')).toHaveCount(1);
  await expect(page.getByTestId('instance-label')).toHaveText('bulk-00005');
  await page.goto('/instances?q=db-');
  await expect(page.getByRole('heading', { name: 'No instances match "db-"' })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('list', { name: 'Instances without required backups' })).toContainText('bulk-00005');
  await expect(page.getByRole('table', { name: 'Team quotas' })).toContainText('0 of 0');
  await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);

  await openInstance(page, 'bulk-00005');
  await page.getByRole('button', { name: 'Capture image' }).click();
  const dialog = page.getByRole('dialog', { name: 'Capture image' });
  await expect(dialog).toContainText(
    'Team Research has used its quota of 0 images (0 of 0). Delete an image the team no longer needs, or ask an administrator to raise the quota.',
  );
  await expect(dialog.getByRole('button', { name: 'Capture image' })).toHaveCount(0);
  await expectAccessible(page);

  // Their audit log holds their team's entries only: no sign-ins, no user administration.
  await page.goto('/audit');
  const rows = page.getByTestId('audit-row');
  await expect(rows.filter({ hasText: 'team.quota' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'instance.assign' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'auth.signin' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'user.create' })).toHaveCount(0);
  await expectAccessible(page);
});

test('a viewer sees no buttons that change anything, and a forged request is refused and audited', async ({
  browser,
}) => {
  // The admin's browser makes the real server-action request for enabling backups on a Web
  // instance the viewer can see; it is caught on its way out (so nothing changes) and kept.
  const adminPage = await as(browser, USERS.admin.state);
  await openInstance(adminPage, 'analytics-etl');
  const url = adminPage.url();
  let forged: { headers: Record<string, string>; body: number[] } | null = null;
  await adminPage.route('**/*', async (route) => {
    const request = route.request();
    if (request.method() !== 'POST' || !request.headers()['next-action']) return route.continue();
    const { 'content-type': contentType, 'next-action': nextAction, accept } = request.headers();
    forged = {
      headers: { 'content-type': contentType, 'next-action': nextAction, accept },
      body: [...(request.postDataBuffer() ?? [])],
    };
    await route.abort();
  });
  await adminPage.getByRole('button', { name: 'Enable backups', exact: true }).click();
  await adminPage
    .getByRole('dialog', { name: 'Enable the backup service' })
    .getByRole('button', { name: /^Enable backups for/ })
    .click();
  await expect.poll(() => forged).not.toBeNull();
  await adminPage.unroute('**/*');

  const page = await as(browser, USERS.viewer.state);
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'analytics-etl', level: 1 })).toBeVisible();
  for (const name of ['Capture image', 'Enable backups', 'Take snapshot', 'Move', 'Cancel backups'])
    await expect(page.getByRole('button', { name })).toHaveCount(0);
  await expectAccessible(page);
  // The same request sent from the viewer's session, as a script on the page could.
  const reply = await page.evaluate(async ({ headers, body }) => {
    const response = await fetch(location.href, { method: 'POST', headers, body: new Uint8Array(body) });
    return { status: response.status, text: await response.text() };
  }, forged!);
  expect(reply.status).toBe(200);
  expect(reply.text).toContain('Viewers can look but not change anything in this team.');

  await adminPage.reload();
  await expect(adminPage.getByRole('button', { name: 'Enable backups', exact: true })).toBeVisible();
  await adminPage.goto('/audit?action=backups.enable&result=refused');
  await expect(adminPage.getByTestId('audit-row').filter({ hasText: USERS.viewer.email })).toContainText(
    'Viewers can look but not change anything in this team.',
  );
});

test('the admin finds it all in the audit log, filters it by user and downloads it as CSV', async ({ browser }) => {
  const page = await as(browser, USERS.admin.state);
  await page.goto('/audit');
  await page.getByLabel('User').selectOption({ label: member.email });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/user=/);
  const rows = page.getByTestId('audit-row');
  await expect(rows.filter({ hasText: 'auth.signin' }).first()).toContainText('success');
  await expect(rows.filter({ hasText: 'user.password-change' }).filter({ hasText: 'success' })).toHaveCount(1);
  await expect(rows.first()).toContainText('127.0.0.1');
  await expectAccessible(page);

  await page.getByLabel('User').selectOption({ label: 'All users' });
  await page.getByLabel('Action').selectOption('team.create');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(rows.filter({ hasText: 'Research' }).first()).toContainText(USERS.admin.email);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const csv = await (await (await download).createReadStream()).toArray();
  const text = Buffer.concat(csv).toString('utf8');
  expect(text.split('\r\n')[0]).toBe('time,user,action,resource type,resource,resource id,team,address,result,detail');
  expect(text).toMatch(/team\.create,team,Research,/);
});
