import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '@/tests/databases';
import { accountToken } from '@/tests/accounts';
import { createAccount, setAccountToken } from './accounts';

const TOKEN = 'linode-pat-0123456789abcdef';

describe.each(PROVIDERS)('provider account tokens on %s', (provider) => {
  let t: TestDatabase;
  const saved = process.env.LIFEBOAT_SECRET_KEY;

  beforeAll(async () => {
    process.env.LIFEBOAT_SECRET_KEY = crypto.randomBytes(32).toString('base64url');
    t = await createTestDatabase(provider);
  });
  afterAll(async () => {
    process.env.LIFEBOAT_SECRET_KEY = saved;
    await t?.drop();
  });

  it('stores only the encrypted token, and decrypts it back for the provider', async () => {
    const account = await createAccount(t.db, {
      name: 'Linode EU',
      kind: 'local',
      apiToken: TOKEN,
      apiBaseUrl: 'https://api.example.test/v4',
    });
    const row = await t.db.providerAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(row.apiTokenEncrypted).toMatch(/^v1:/);
    expect(row.apiTokenEncrypted).not.toContain(TOKEN);
    expect(JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(TOKEN);
    expect(row.apiBaseUrl).toBe('https://api.example.test/v4');
    expect(await accountToken(t.db, account.id)).toBe(TOKEN);
  });

  it('sets, replaces and clears a token', async () => {
    const account = await createAccount(t.db, { name: 'No token yet', kind: 'local' });
    expect(await accountToken(t.db, account.id)).toBeNull();
    await setAccountToken(t.db, account.id, 'first-token-value');
    expect(await accountToken(t.db, account.id)).toBe('first-token-value');
    await setAccountToken(t.db, account.id, 'second-token-value');
    expect(await accountToken(t.db, account.id)).toBe('second-token-value');
    await setAccountToken(t.db, account.id, null);
    expect((await t.db.providerAccount.findUniqueOrThrow({ where: { id: account.id } })).apiTokenEncrypted).toBeNull();
    expect(await accountToken(t.db, account.id)).toBeNull();
  });

  it('refuses a name already taken, and an unknown account', async () => {
    await expect(createAccount(t.db, { name: 'Linode EU', kind: 'local' })).rejects.toMatchObject({
      field: 'name',
      message: 'An account with this name already exists.',
    });
    await expect(setAccountToken(t.db, 'missing', 'x')).rejects.toThrow('was not found');
    await expect(accountToken(t.db, 'missing')).rejects.toThrow('was not found');
  });
});
