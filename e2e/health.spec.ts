import { expect, test } from './fixtures';

test('health answers without a session, naming the database and its migrations', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({
    status: 'ok',
    database: { provider: 'sqlite', reachable: true, migrations: { applied: true, pending: [] } },
  });
});
