import crypto from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encryptSecret } from '@/lib/crypto/secrets';
import {
  configFromSetting,
  defaultStoreConfig,
  parseStoreKey,
  scopeLabel,
  StoreConfigError,
  storeConfigFromEnv,
  storeEnvName,
  storeIdentity,
  storeScopes,
} from './stores';

// Where each store is, from the environment and from a setting row, without a database.

const KEY = crypto.randomBytes(32);
const S3 = 's3://lifeboat-backups/eu?endpoint=http://127.0.0.1:8080&path-style=true';
const saved = { ...process.env };

beforeEach(() => {
  delete process.env.LIFEBOAT_CATALOG;
  process.env.DATA_DIR = '/srv/lifeboat-unit';
  delete process.env.IMAGE_STORE_DIR;
  delete process.env.BACKUP_STORE_DIR;
  process.env.LIFEBOAT_SECRET_KEY = crypto.randomBytes(32).toString('base64');
});
afterEach(() => {
  process.env = { ...saved };
});

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as StoreConfigError;
  }
  throw new Error('expected an error');
};

describe('store scopes', () => {
  it('are the image store and one backup store per region of the catalogue, with labels and variable names', () => {
    expect(storeScopes()).toEqual(['images', 'backups:eu-central', 'backups:us-east']);
    expect(scopeLabel('images')).toBe('Image store');
    expect(scopeLabel('backups:eu-central')).toBe('Backups in Frankfurt (eu-central)');
    expect(scopeLabel('backups:mars-1')).toBe('Backups in mars-1');
    expect(storeEnvName('images')).toBe('IMAGE_STORE');
    expect(storeEnvName('backups:eu-central')).toBe('BACKUP_STORE_EU_CENTRAL');
    expect(storeEnvName('backups:ap.south-1')).toBe('BACKUP_STORE_AP_SOUTH_1');
  });

  it('default to the folders they always had, IMAGE_STORE_DIR and BACKUP_STORE_DIR included', () => {
    expect(defaultStoreConfig('images')).toEqual({
      scope: 'images',
      url: '/srv/lifeboat-unit/images',
      source: 'default',
    });
    expect(defaultStoreConfig('backups:us-east').url).toBe('/srv/lifeboat-unit/backups/us-east');
    process.env.IMAGE_STORE_DIR = '/mnt/images';
    process.env.BACKUP_STORE_DIR = '/mnt/backups';
    expect(defaultStoreConfig('images').url).toBe('/mnt/images');
    expect(defaultStoreConfig('backups:us-east').url).toBe(path.join('/mnt/backups', 'us-east'));
  });
});

describe('storeConfigFromEnv', () => {
  it('is null when the scope has no variable, whatever other scopes have', () => {
    expect(storeConfigFromEnv('images', {})).toBeNull();
    expect(storeConfigFromEnv('images', { BACKUP_STORE_EU_CENTRAL: S3 })).toBeNull();
  });

  it('reads a folder with its key, and gives a folder no credentials', () => {
    const config = storeConfigFromEnv('images', {
      IMAGE_STORE: ' /data/images ',
      IMAGE_STORE_KEY: KEY.toString('hex'),
      IMAGE_STORE_ACCESS_KEY_ID: 'x',
      IMAGE_STORE_SECRET_ACCESS_KEY: 'y',
    });
    expect(config).toEqual({ scope: 'images', url: '/data/images', source: 'environment', key: KEY });
  });

  it('reads an S3 store with its own credentials before the AWS pair', () => {
    const env = {
      BACKUP_STORE_EU_CENTRAL: S3,
      BACKUP_STORE_EU_CENTRAL_ACCESS_KEY_ID: 'own',
      BACKUP_STORE_EU_CENTRAL_SECRET_ACCESS_KEY: 'own-secret',
      AWS_ACCESS_KEY_ID: 'aws',
      AWS_SECRET_ACCESS_KEY: 'aws-secret',
    };
    expect(storeConfigFromEnv('backups:eu-central', env)).toEqual({
      scope: 'backups:eu-central',
      url: S3,
      source: 'environment',
      accessKeyId: 'own',
      secretAccessKey: 'own-secret',
    });
    const {
      BACKUP_STORE_EU_CENTRAL_ACCESS_KEY_ID: _a,
      BACKUP_STORE_EU_CENTRAL_SECRET_ACCESS_KEY: _b,
      ...awsOnly
    } = env;
    expect(storeConfigFromEnv('backups:eu-central', awsOnly)).toMatchObject({
      accessKeyId: 'aws',
      secretAccessKey: 'aws-secret',
    });
    const bare = storeConfigFromEnv('backups:eu-central', { BACKUP_STORE_EU_CENTRAL: S3 })!;
    expect(bare.accessKeyId).toBeUndefined();
    expect(bare.secretAccessKey).toBeUndefined();
  });

  it('takes a key as hex, base64 or base64url of exactly 32 bytes', () => {
    for (const text of [
      KEY.toString('hex'),
      KEY.toString('hex').toUpperCase(),
      KEY.toString('base64'),
      KEY.toString('base64url'),
    ]) {
      expect(storeConfigFromEnv('images', { IMAGE_STORE: '/x', IMAGE_STORE_KEY: text })!.key!.equals(KEY)).toBe(true);
    }
  });

  it('refuses a passphrase or a key of the wrong length, naming the variable', () => {
    for (const text of [
      'correct horse battery staple and more words',
      crypto.randomBytes(16).toString('hex'),
      crypto.randomBytes(31).toString('base64'),
      'zz'.repeat(32),
    ]) {
      const error = errorOf(() =>
        storeConfigFromEnv('backups:us-east', { BACKUP_STORE_US_EAST: '/x', BACKUP_STORE_US_EAST_KEY: text }),
      );
      expect(error).toBeInstanceOf(StoreConfigError);
      expect(error.message).toMatch(
        /^BACKUP_STORE_US_EAST_KEY is not a usable store key\. .*passphrase is not accepted/,
      );
      expect(error.message).not.toContain(text);
      expect(error.variable).toBe('BACKUP_STORE_US_EAST_KEY');
    }
  });

  it('refuses a bad address, naming the variable and saying why', () => {
    for (const [url, why] of [
      ['relative/folder', /Not a store address/],
      ['ftp://host/x', /Unknown store kind ftp/],
      ['s3://Bad_Bucket/x', /Not a bucket name/],
      ['s3://user:pw@bucket/x', /Credentials do not belong/],
    ] as const) {
      const error = errorOf(() => storeConfigFromEnv('images', { IMAGE_STORE: url }));
      expect(error).toBeInstanceOf(StoreConfigError);
      expect(error.message).toMatch(/^IMAGE_STORE: /);
      expect(error.message).toMatch(why);
    }
  });

  it('refuses half a credential pair, and a key or credentials without the address', () => {
    expect(
      errorOf(() => storeConfigFromEnv('images', { IMAGE_STORE: S3, IMAGE_STORE_ACCESS_KEY_ID: 'id' })).message,
    ).toBe('IMAGE_STORE_ACCESS_KEY_ID is set but IMAGE_STORE_SECRET_ACCESS_KEY is not: set both, or neither.');
    expect(errorOf(() => storeConfigFromEnv('images', { IMAGE_STORE: S3, AWS_SECRET_ACCESS_KEY: 's' })).message).toBe(
      'AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not: set both, or neither.',
    );
    expect(errorOf(() => storeConfigFromEnv('images', { IMAGE_STORE_KEY: KEY.toString('hex') })).message).toMatch(
      /^IMAGE_STORE_KEY is set but IMAGE_STORE is not/,
    );
  });
});

describe('configFromSetting', () => {
  const row = (
    data: Partial<{
      url: string;
      accessKeyId: string | null;
      secretAccessKeyEncrypted: string | null;
      storeKeyEncrypted: string | null;
    }>,
  ) => ({
    scope: 'images',
    url: S3,
    accessKeyId: null,
    secretAccessKeyEncrypted: null,
    storeKeyEncrypted: null,
    ...data,
  });

  it('opens the sealed secret and key of a row', () => {
    const config = configFromSetting(
      'images',
      row({
        accessKeyId: 'id',
        secretAccessKeyEncrypted: encryptSecret('sec'),
        storeKeyEncrypted: encryptSecret(KEY.toString('base64')),
      }),
      {},
    );
    expect(config).toEqual({
      scope: 'images',
      url: S3,
      source: 'setting',
      accessKeyId: 'id',
      secretAccessKey: 'sec',
      key: KEY,
    });
  });

  it('falls back to the AWS pair for an S3 row without credentials, never for a folder', () => {
    const aws = { AWS_ACCESS_KEY_ID: 'aws', AWS_SECRET_ACCESS_KEY: 'aws-secret' };
    expect(configFromSetting('images', row({}), aws)).toMatchObject({
      accessKeyId: 'aws',
      secretAccessKey: 'aws-secret',
    });
    expect(configFromSetting('images', row({ url: '/srv/images' }), aws)).toEqual({
      scope: 'images',
      url: '/srv/images',
      source: 'setting',
    });
  });

  it('names the setting when its address is unusable', () => {
    expect(errorOf(() => configFromSetting('backups:eu-central', row({ url: 'nowhere' }), {})).message).toMatch(
      /^The admin setting for Backups in Frankfurt \(eu-central\): Not a store address/,
    );
  });
});

describe('storeIdentity and parseStoreKey', () => {
  it('names a store without credentials, the same whatever region or path-style say', () => {
    expect(storeIdentity({ url: '/srv/images/' })).toBe('file:///srv/images');
    expect(storeIdentity({ url: 'file:///srv/images' })).toBe('file:///srv/images');
    expect(storeIdentity({ url: 's3://bucket/a/b' })).toBe('s3://bucket/a/b/');
    const a = storeIdentity({ url: 's3://bucket/p?endpoint=http://127.0.0.1:8080/&region=eu-west-1&path-style=true' });
    expect(a).toBe('s3://bucket/p/?endpoint=http://127.0.0.1:8080');
    expect(storeIdentity({ url: 's3://bucket/p/?endpoint=http://127.0.0.1:8080' })).toBe(a);
    expect(storeIdentity({ url: 's3://bucket/p?endpoint=http://127.0.0.1:9000' })).not.toBe(a);
  });

  it('parses a store key or says what a store key is', () => {
    expect(parseStoreKey(KEY.toString('base64url'), 'K').equals(KEY)).toBe(true);
    expect(() => parseStoreKey('short', 'K')).toThrow(/^K is not a usable store key/);
  });
});
