import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLinode, type FakeLinode } from '@/tests/linode-fake/server';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '@/tests/databases';
import { accountToken } from '@/tests/accounts';
import { createAccount, setAccountToken } from './accounts';

// Connecting a Linode account: the token is checked with a read call (GET /profile) against
// the fake Linode API on loopback before anything is saved, and stored only encrypted.

const TOKEN = 'linode-pat-0123456789abcdef';

describe.each(PROVIDERS)('Linode accounts on %s', (provider) => {
  let t: TestDatabase;
  let fake: FakeLinode;

  beforeAll(async () => {
    process.env.LIFEBOAT_SECRET_KEY ??= 'linode accounts test passphrase';
    t = await createTestDatabase(provider);
    fake = await startFakeLinode({ token: TOKEN });
  });
  afterAll(async () => {
    await fake?.close();
    await t?.drop();
  });

  it('saves an account whose token Linode accepts, encrypted', async () => {
    const account = await createAccount(t.db, {
      name: 'Linode prod',
      kind: 'linode',
      apiToken: TOKEN,
      apiBaseUrl: fake.url,
    });
    const row = await t.db.providerAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(row).toMatchObject({ kind: 'linode', apiBaseUrl: fake.url });
    expect(row.apiTokenEncrypted).not.toContain(TOKEN);
    expect(await accountToken(t.db, account.id)).toBe(TOKEN);
    expect(fake.requests().filter((r) => r.path.endsWith('/profile'))).toEqual([
      expect.objectContaining({ method: 'GET', status: 200 }),
    ]);
    expect(fake.violations()).toEqual([]);
  });

  it('refuses a token Linode rejects, on the token field, and saves nothing', async () => {
    const before = await t.db.providerAccount.count();
    await expect(
      createAccount(t.db, { name: 'Linode typo', kind: 'linode', apiToken: 'not-the-token', apiBaseUrl: fake.url }),
    ).rejects.toMatchObject({
      field: 'apiToken',
      message: "Linode refused the API token (401). Check the token in the provider account's settings.",
    });
    const account = await t.db.providerAccount.findUniqueOrThrow({ where: { name: 'Linode prod' } });
    await expect(setAccountToken(t.db, account.id, 'still-not-it')).rejects.toMatchObject({ field: 'apiToken' });
    expect(await accountToken(t.db, account.id)).toBe(TOKEN);
    expect(await t.db.providerAccount.count()).toBe(before);
  });

  it('refuses an API base URL where no Linode API answers, naming that field', async () => {
    await expect(
      createAccount(t.db, {
        name: 'Linode nowhere',
        kind: 'linode',
        apiToken: TOKEN,
        apiBaseUrl: 'http://127.0.0.1:9/v4',
      }),
    ).rejects.toMatchObject({
      field: 'apiBaseUrl',
      message: 'No Linode API answered at http://127.0.0.1:9/v4. Check the API base URL.',
    });
    expect(await t.db.providerAccount.findUnique({ where: { name: 'Linode nowhere' } })).toBeNull();
  });
});
