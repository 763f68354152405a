import crypto from 'node:crypto';
import { CreateBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initialState, type ActionState } from '@/lib/actions/state';
import { storeConfig } from '@/lib/config/stores';
import { decryptSecret } from '@/lib/crypto/secrets';
import { readStores } from '@/lib/data/stores';
import { ensureSwift, s3 as S3 } from '@/scripts/swift/start.mjs';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { READ_CASES } from '@/tests/permissions/read-cases';
import { backupOf, createWorld, type World } from '@/tests/permissions/world';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { signInAs } from '@/tests/session';
import { resetStoreAction, saveStoreAction, testStoreAction } from './stores';
import { swiftAdmin } from '@/tests/object-store';

// The Storage page's actions against a real database and, for "Test connection", the real
// object store on loopback (OpenStack Swift with s3api; started if it is not up, never skipped).

vi.mock('next-auth', async (original) => (await import('@/tests/next-request')).nextAuth(await original()));
vi.mock('next/headers', async () => (await import('@/tests/next-request')).nextHeaders('192.0.2.9'));
vi.mock('next/cache', async () => (await import('@/tests/next-request')).nextCache);

const SECRET = S3.secretAccessKey;
const bucket = `lifeboat-settings-${Date.now().toString(36)}`;
const s3Url = (b = bucket, prefix = 'backups/us-east') => `s3://${b}/${prefix}?endpoint=${S3.endpoint}&path-style=true`;
const admin = swiftAdmin();

type Form = Record<string, unknown>;
const save = (input: Form) =>
  saveStoreAction(initialState as ActionState<{ key: string }>, { keyChoice: 'keep', ...input });
const reset = (input: Form) => resetStoreAction(initialState, input);
const test = (scope: string) => testStoreAction(initialState, { scope });

beforeAll(async () => {
  await ensureSwift();
  await admin.send(new CreateBucketCommand({ Bucket: bucket }));
}, 120_000);

describe.each(PROVIDERS)('store settings on %s', (provider) => {
  let t: TestDatabase;
  let w: World;
  const row = (scope: string) => t.db.storeSetting.findUnique({ where: { scope } });
  const asAdmin = () => signInAs(w.users.admin.id);

  beforeAll(async () => {
    t = await openAppDatabase(provider);
    w = await createWorld(t.db);
    // The world's backups are in eu-central, so that store holds copies; us-east holds none.
    await backupOf(w);
  });
  afterAll(async () => {
    await closeAppDatabase(t);
  });
  beforeEach(asAdmin);

  it('saves an S3 store with sealed credentials and a generated key that comes back once', async () => {
    const state = await save({
      scope: 'backups:us-east',
      url: s3Url(),
      accessKeyId: S3.accessKeyId,
      secretAccessKey: SECRET,
      keyChoice: 'generate',
    });
    expect(state, state.message).toMatchObject({
      ok: true,
      data: { key: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/) },
    });
    const key = Buffer.from(state.data!.key, 'base64');
    expect(key).toHaveLength(32);
    const saved = (await row('backups:us-east'))!;
    expect(saved).toMatchObject({
      url: s3Url(),
      accessKeyId: S3.accessKeyId,
      updatedById: w.users.admin.id,
      secretAccessKeyEncrypted: expect.stringMatching(/^v1:/),
      storeKeyEncrypted: expect.stringMatching(/^v1:/),
    });
    expect(JSON.stringify(saved)).not.toContain(SECRET);
    expect(JSON.stringify(saved)).not.toContain(state.data!.key);
    expect(decryptSecret(saved.secretAccessKeyEncrypted!)).toBe(SECRET);
    expect(await storeConfig('backups:us-east')).toEqual({
      scope: 'backups:us-east',
      url: s3Url(),
      source: 'setting',
      accessKeyId: S3.accessKeyId,
      secretAccessKey: SECRET,
      key,
    });

    // Saved again with the secret blank and the key kept: both stay, and no key comes back.
    const again = await save({
      scope: 'backups:us-east',
      url: s3Url(),
      accessKeyId: S3.accessKeyId,
      secretAccessKey: '',
    });
    expect(again).toMatchObject({ ok: true });
    expect(again.data).toBeUndefined();
    expect(await storeConfig('backups:us-east')).toMatchObject({ secretAccessKey: SECRET, key });

    // No page read and no audit entry holds the secret or the key.
    const stores = await readStores();
    expect(stores!.find((s) => s.scope === 'backups:us-east')).toMatchObject({
      source: 'setting',
      url: s3Url(),
      accessKeyId: S3.accessKeyId,
      hasCredentials: true,
      encrypted: true,
      copies: 0,
    });
    for (const [name, c] of Object.entries(READ_CASES)) {
      const { args } = await c.arrange(w);
      asAdmin();
      let shown = await (await import(`@/lib/data/${name.split('.')[0]}.ts`))[name.split('.')[1]](...args);
      if (shown && typeof shown[Symbol.asyncIterator] === 'function') {
        let text = '';
        for await (const chunk of shown) text += chunk;
        shown = text;
      }
      const text = JSON.stringify(shown, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
      expect(text, name).not.toContain(SECRET);
      expect(text, name).not.toContain(state.data!.key);
    }
    const audit = JSON.stringify(await t.db.auditEntry.findMany({ where: { action: { startsWith: 'store.' } } }));
    expect(audit).toContain('credentials set; key generated');
    expect(audit).not.toContain(SECRET);
    expect(audit).not.toContain(state.data!.key);
  });

  it('tests the connection: writes, reads back and deletes a probe object in the real bucket', async () => {
    await save({ scope: 'backups:us-east', url: s3Url(), accessKeyId: S3.accessKeyId, secretAccessKey: SECRET });
    const state = await test('backups:us-east');
    // The key an earlier test gave this store is checked too.
    expect(state).toEqual({
      ok: true,
      message: `Connected to s3://${bucket}/backups/us-east/?endpoint=${S3.endpoint}: a test object was written, read back and deleted. Its key opens it.`,
    });
    const left = await admin.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'backups/us-east/lifeboat-probe/' }),
    );
    expect(left.KeyCount).toBe(0);
    expect(
      await t.db.auditEntry.findFirst({ where: { action: 'store.test' }, orderBy: [{ at: 'desc' }, { id: 'desc' }] }),
    ).toMatchObject({ result: 'success', targetId: 'backups:us-east' });
  });

  it('says in plain words what is wrong: a wrong secret, a missing bucket, an unreachable endpoint', async () => {
    await save({
      scope: 'backups:us-east',
      url: s3Url(),
      accessKeyId: S3.accessKeyId,
      secretAccessKey: 'not-the-secret',
    });
    expect(await test('backups:us-east')).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Could not use s3:\/\/.*\. Access denied: the secret access key does not match the access key ID\.$/,
      ),
    });
    await save({
      scope: 'backups:us-east',
      url: s3Url(`${bucket}-missing`),
      accessKeyId: S3.accessKeyId,
      secretAccessKey: SECRET,
    });
    expect((await test('backups:us-east')).message).toMatch(/There is no such bucket at this endpoint/);
    await save({
      scope: 'backups:us-east',
      url: `s3://${bucket}/x?endpoint=http://127.0.0.1:9&path-style=true`,
      accessKeyId: S3.accessKeyId,
      secretAccessKey: SECRET,
    });
    expect((await test('backups:us-east')).message).toMatch(
      /The endpoint is unreachable: nothing answers at that address and port/,
    );
    await save({ scope: 'backups:us-east', url: s3Url(), accessKeyId: '', clearCredentials: 'on' });
    expect((await test('backups:us-east')).message).toMatch(/^No access key is set for/);
  });

  it('refuses bad input by field and changes nothing', async () => {
    // us-east holds nothing, so no confirmation stands in front of the field checks.
    await save({ scope: 'backups:us-east', url: '/srv/lifeboat/us-before', keyChoice: 'clear' });
    const before = await row('backups:us-east');
    for (const [input, field, message] of [
      [{ url: 'relative/folder' }, 'url', /Not a store address/],
      [{ url: 's3://Not_A_Bucket/x' }, 'url', /Not a bucket name/],
      [{ url: '' }, 'url', /Enter where the store is/],
      [
        { url: '/srv/x', keyChoice: 'enter', storeKey: 'a long passphrase is still not a key' },
        'storeKey',
        /passphrase is not accepted/,
      ],
      [
        { url: '/srv/x', keyChoice: 'enter', storeKey: crypto.randomBytes(16).toString('hex') },
        'storeKey',
        /32 random bytes/,
      ],
      [{ url: '/srv/x', keyChoice: 'sometimes' }, 'keyChoice', /Choose what to do with the key/],
      [{ url: '/srv/x', accessKeyId: 'id' }, 'accessKeyId', /A folder on this host needs no access key/],
      [{ url: s3Url(), accessKeyId: 'id' }, 'secretAccessKey', /Enter the secret access key/],
      [{ url: s3Url(), secretAccessKey: 'only a secret' }, 'accessKeyId', /Enter the access key ID/],
    ] as const) {
      const state = await save({ scope: 'backups:us-east', ...input });
      expect(state.ok, JSON.stringify(input)).toBe(false);
      expect(state.errors?.[field]?.join(' '), JSON.stringify(input)).toMatch(message);
      expect(await row('backups:us-east')).toEqual(before);
    }
    expect((await save({ scope: 'backups:mars', url: '/srv/x' })).errors?.scope).toEqual([
      'There is no such store on this host.',
    ]);
    expect(await row('backups:mars')).toBeNull();
  });

  it('refuses every caller but an admin, and changes nothing', async () => {
    await save({ scope: 'images', url: '/srv/lifeboat/images-admin' });
    const before = await row('images');
    for (const role of ['member', 'viewer', 'other'] as const) {
      signInAs(w.users[role].id);
      for (const state of [
        await save({ scope: 'images', url: '/srv/elsewhere' }),
        await reset({ scope: 'images' }),
        await test('images'),
      ]) {
        expect(state).toMatchObject({ ok: false, message: 'Only administrators can do that.' });
      }
      expect(await readStores()).toBeNull();
    }
    expect(await row('images')).toEqual(before);
  });

  it('asks before pointing a store that holds backups elsewhere, and says they are not moved', async () => {
    const refused = await save({ scope: 'backups:eu-central', url: '/srv/lifeboat/new-eu' });
    expect(refused.ok).toBe(false);
    expect(refused.errors?.confirmMove?.[0]).toMatch(
      /^Backups in eu-central holds \d+ backups?\. They stay in the current store \(.*backups\/eu-central\) and are not moved to the new one\./,
    );
    expect(await row('backups:eu-central')).toBeNull();
    expect(await save({ scope: 'backups:eu-central', url: '/srv/lifeboat/new-eu', confirmMove: 'on' })).toMatchObject({
      ok: true,
      message: 'Saved. What the old store holds stays there.',
    });

    // Same address, new key: the backup there could no longer be read, so it is refused.
    const rekey = await save({ scope: 'backups:eu-central', url: '/srv/lifeboat/new-eu/', keyChoice: 'generate' });
    expect(rekey.errors?.keyChoice?.[0]).toMatch(
      /holds \d+ backups?, written without a key: Lifeboat could no longer read them/,
    );
    expect((await row('backups:eu-central'))!.storeKeyEncrypted).toBeNull();

    // Back to the default folder: asked again, then the row is gone.
    expect((await reset({ scope: 'backups:eu-central' })).errors?.confirmMove?.[0]).toMatch(/are not moved/);
    expect(await row('backups:eu-central')).not.toBeNull();
    expect(await reset({ scope: 'backups:eu-central', confirmMove: 'on' })).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Back to the default folder .*backups\/eu-central\.$/),
    });
    expect(await row('backups:eu-central')).toBeNull();
    expect((await reset({ scope: 'backups:eu-central', confirmMove: 'on' })).message).toBe(
      'Backups in eu-central already uses its default folder.',
    );
  });

  it('lets a store with nothing in it change its key, enter one, or drop it', async () => {
    const key = crypto.randomBytes(32);
    expect(
      await save({
        scope: 'backups:us-east',
        url: '/srv/lifeboat/us',
        keyChoice: 'enter',
        storeKey: key.toString('hex'),
      }),
    ).toMatchObject({ ok: true });
    expect((await storeConfig('backups:us-east')).key).toEqual(key);
    expect(await save({ scope: 'backups:us-east', url: '/srv/lifeboat/us', keyChoice: 'clear' })).toMatchObject({
      ok: true,
    });
    expect((await storeConfig('backups:us-east')).key).toBeUndefined();
  });

  it('shows a store set by the environment as such and refuses to change it here', async () => {
    process.env.IMAGE_STORE = s3Url(bucket, 'env-images');
    process.env.IMAGE_STORE_ACCESS_KEY_ID = S3.accessKeyId;
    process.env.IMAGE_STORE_SECRET_ACCESS_KEY = SECRET;
    try {
      const state = await save({ scope: 'images', url: '/srv/x' });
      expect(state).toMatchObject({
        ok: false,
        message: "Image store is set by IMAGE_STORE in this host's environment; change it there.",
      });
      const images = (await readStores())!.find((s) => s.scope === 'images');
      expect(images).toMatchObject({
        source: 'environment',
        envName: 'IMAGE_STORE',
        url: s3Url(bucket, 'env-images'),
        hasCredentials: true,
        encrypted: false,
      });
      expect(JSON.stringify(images)).not.toContain(SECRET);
      expect((await test('images')).ok).toBe(true);
      process.env.IMAGE_STORE = 'nowhere';
      expect((await readStores())!.find((s) => s.scope === 'images')).toMatchObject({
        source: 'environment',
        url: '',
        problem: expect.stringMatching(/^IMAGE_STORE: Not a store address/),
      });
      expect(await test('images')).toEqual({
        ok: false,
        message: expect.stringMatching(/^IMAGE_STORE: Not a store address/),
      });
    } finally {
      for (const name of ['IMAGE_STORE', 'IMAGE_STORE_ACCESS_KEY_ID', 'IMAGE_STORE_SECRET_ACCESS_KEY'])
        delete process.env[name];
    }
  });
});
