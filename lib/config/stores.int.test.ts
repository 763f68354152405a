import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encryptSecret } from '@/lib/crypto/secrets';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { StoreConfigError, storeConfig } from './stores';

// Which configuration wins, against a real database: the environment, then the admin setting,
// then the default folder.

const VARS = [
  'IMAGE_STORE',
  'IMAGE_STORE_KEY',
  'IMAGE_STORE_ACCESS_KEY_ID',
  'IMAGE_STORE_SECRET_ACCESS_KEY',
  'BACKUP_STORE_US_EAST',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
];
const S3 = 's3://lifeboat-settings/images?endpoint=http://127.0.0.1:8080&path-style=true';
const KEY = crypto.randomBytes(32);

describe.each(PROVIDERS)('storeConfig on %s', (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openAppDatabase(provider);
  });
  afterAll(async () => {
    await closeAppDatabase(t);
  });
  afterEach(async () => {
    for (const name of VARS) delete process.env[name];
    await t.db.storeSetting.deleteMany();
  });

  it('is the default folder in the data directory with no variable and no setting', async () => {
    expect(await storeConfig('images', t.db)).toEqual({
      scope: 'images',
      url: path.join(t.dataDir, 'images'),
      source: 'default',
    });
    expect(await storeConfig('backups:us-east', t.db)).toEqual({
      scope: 'backups:us-east',
      url: path.join(t.dataDir, 'backups', 'us-east'),
      source: 'default',
    });
  });

  it('is the admin setting, its secret and key unsealed, when there is one', async () => {
    await t.db.storeSetting.create({
      data: {
        scope: 'images',
        url: S3,
        accessKeyId: 'id',
        secretAccessKeyEncrypted: encryptSecret('secret'),
        storeKeyEncrypted: encryptSecret(KEY.toString('hex')),
      },
    });
    expect(await storeConfig('images', t.db)).toEqual({
      scope: 'images',
      url: S3,
      source: 'setting',
      accessKeyId: 'id',
      secretAccessKey: 'secret',
      key: KEY,
    });
    // Another scope's setting changes nothing here.
    expect((await storeConfig('backups:us-east', t.db)).source).toBe('default');
  });

  it('is the environment whatever the setting says, and back to the setting when the variable goes', async () => {
    await t.db.storeSetting.create({ data: { scope: 'images', url: '/srv/from-setting' } });
    process.env.IMAGE_STORE = '/srv/from-env';
    process.env.IMAGE_STORE_KEY = KEY.toString('base64');
    expect(await storeConfig('images', t.db)).toEqual({
      scope: 'images',
      url: '/srv/from-env',
      source: 'environment',
      key: KEY,
    });
    delete process.env.IMAGE_STORE;
    delete process.env.IMAGE_STORE_KEY;
    expect(await storeConfig('images', t.db)).toEqual({ scope: 'images', url: '/srv/from-setting', source: 'setting' });
  });

  it('gives an S3 setting without credentials the AWS pair', async () => {
    await t.db.storeSetting.create({ data: { scope: 'backups:us-east', url: S3 } });
    process.env.AWS_ACCESS_KEY_ID = 'aws-id';
    process.env.AWS_SECRET_ACCESS_KEY = 'aws-secret';
    expect(await storeConfig('backups:us-east', t.db)).toMatchObject({
      source: 'setting',
      accessKeyId: 'aws-id',
      secretAccessKey: 'aws-secret',
    });
  });

  it('fails with the variable named when the environment is wrong, rather than falling back to the setting', async () => {
    await t.db.storeSetting.create({ data: { scope: 'images', url: '/srv/from-setting' } });
    process.env.IMAGE_STORE = 'not a place';
    await expect(storeConfig('images', t.db)).rejects.toThrow(StoreConfigError);
    await expect(storeConfig('images', t.db)).rejects.toThrow(/^IMAGE_STORE: Not a store address/);
    process.env.IMAGE_STORE = '/srv/x';
    process.env.IMAGE_STORE_KEY = 'a passphrase is not a key at all';
    await expect(storeConfig('images', t.db)).rejects.toThrow(/^IMAGE_STORE_KEY is not a usable store key/);
  });

  it('reads the process-wide database when none is passed', async () => {
    await t.db.storeSetting.create({ data: { scope: 'images', url: '/srv/app-db' } });
    expect((await storeConfig('images')).url).toBe('/srv/app-db');
  });
});
