import { parseRawKey } from '@/lib/crypto/secrets';
import { DomainError } from '@/lib/domain/errors';
import { parseStoreUrl, StoreUrlError } from './store-url';
import { catalog, findRegion } from './catalog';
import { backupStoreDir, imageStoreDir } from './env';

// Where each chunk store is, as plain functions over an environment (no database, so unit tests
// call them directly); lib/config/stores.ts adds the admin setting between the environment and
// the default folder. One store for images, one per region for backups.

export type StoreScope = 'images' | `backups:${string}`;

export type StoreSource = 'default' | 'environment' | 'setting';

export type StoreConfig = {
  scope: StoreScope;
  url: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** The store's encryption key, exactly 32 bytes; none means its chunks are not encrypted. */
  key?: Buffer;
  source: StoreSource;
};

type Env = Record<string, string | undefined>;

/** A store's configuration cannot be used; the message names the variable or setting to fix. */
export class StoreConfigError extends DomainError {
  constructor(
    message: string,
    readonly variable?: string,
    field?: string,
  ) {
    super(message, field, 'store_config');
    this.name = 'StoreConfigError';
  }
}

/** The image store, then one backup store per region of the catalogue. */
export function storeScopes(): StoreScope[] {
  return ['images', ...catalog().regions.map((r): StoreScope => `backups:${r.id}`)];
}

export function isStoreScope(value: string): value is StoreScope {
  return (storeScopes() as string[]).includes(value);
}

/** The region a backup scope is for; null for the image store. */
export function scopeRegion(scope: StoreScope): string | null {
  return scope === 'images' ? null : scope.slice('backups:'.length);
}

export function scopeLabel(scope: StoreScope): string {
  const region = scopeRegion(scope);
  if (region === null) return 'Image store';
  return `Backups in ${findRegion(region)?.label ?? region}`;
}

/**
 * The variable that sets a scope's URL; its credentials and key add _ACCESS_KEY_ID,
 * _SECRET_ACCESS_KEY and _KEY. Region ids are upper-cased with anything else than a letter or
 * digit turned into "_" (eu-central: BACKUP_STORE_EU_CENTRAL).
 */
export function storeEnvName(scope: StoreScope): string {
  const region = scopeRegion(scope);
  return region === null ? 'IMAGE_STORE' : `BACKUP_STORE_${region.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** The folder a store has always been in: IMAGE_STORE_DIR, or BACKUP_STORE_DIR/<region>, under DATA_DIR by default. */
export function defaultStoreConfig(scope: StoreScope): StoreConfig {
  const region = scopeRegion(scope);
  return { scope, url: region === null ? imageStoreDir() : backupStoreDir(region), source: 'default' };
}

export const STORE_KEY_HELP =
  'A store key is 32 random bytes written as 64 hex characters or as base64 (openssl rand -base64 32); a passphrase is not accepted.';

/**
 * A store key: exactly 32 bytes. Unlike LIFEBOAT_SECRET_KEY no passphrase is stretched here:
 * the key is what keeps a store's content from its operator, so it must be full strength.
 */
export function parseStoreKey(value: string, name: string): Buffer {
  const key = parseRawKey(value);
  if (!key) throw new StoreConfigError(`${name} is not a usable store key. ${STORE_KEY_HELP}`, name);
  return key;
}

/** Checks a store URL, with an error that names where it came from. */
export function checkStoreUrl(value: string, name: string): void {
  try {
    parseStoreUrl(value);
  } catch (error) {
    if (error instanceof StoreUrlError) throw new StoreConfigError(`${name}: ${error.message}`, name);
    throw error;
  }
}

export const isS3Url = (url: string) => parseStoreUrl(url).kind === 's3';

/** An access key pair from two variables: both or neither, never one alone. */
function pairFrom(
  env: Env,
  idName: string,
  secretName: string,
): { accessKeyId: string; secretAccessKey: string } | null {
  const accessKeyId = env[idName]?.trim();
  const secretAccessKey = env[secretName]?.trim();
  if (!accessKeyId && !secretAccessKey) return null;
  if (!accessKeyId)
    throw new StoreConfigError(`${secretName} is set but ${idName} is not: set both, or neither.`, idName);
  if (!secretAccessKey)
    throw new StoreConfigError(`${idName} is set but ${secretName} is not: set both, or neither.`, secretName);
  return { accessKeyId, secretAccessKey };
}

/** AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, the fallback for an S3 store with no credentials of its own. */
export function awsCredentials(env: Env) {
  return pairFrom(env, 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY');
}

/**
 * The scope's configuration from the environment, or null when its URL variable is unset. The
 * environment sets a store whole: a key or credentials without the URL is refused rather than
 * quietly applied to whatever store the admin setting names.
 */
export function storeConfigFromEnv(scope: StoreScope, env: Env): StoreConfig | null {
  const name = storeEnvName(scope);
  const url = env[name]?.trim();
  const companions = [`${name}_ACCESS_KEY_ID`, `${name}_SECRET_ACCESS_KEY`, `${name}_KEY`];
  if (!url) {
    const stray = companions.find((c) => env[c]?.trim());
    if (stray)
      throw new StoreConfigError(
        `${stray} is set but ${name} is not: set the store's address too (a folder, or s3://bucket/prefix).`,
        name,
      );
    return null;
  }
  checkStoreUrl(url, name);
  const keyText = env[`${name}_KEY`]?.trim();
  const config: StoreConfig = {
    scope,
    url,
    source: 'environment',
    ...(keyText ? { key: parseStoreKey(keyText, `${name}_KEY`) } : {}),
  };
  // A folder needs no credentials; only an S3 store takes them (its own, else the AWS pair).
  if (!isS3Url(url)) return config;
  const own = pairFrom(env, `${name}_ACCESS_KEY_ID`, `${name}_SECRET_ACCESS_KEY`);
  return { ...config, ...(own ?? awsCredentials(env) ?? {}) };
}

/**
 * A stable name for the store without any credential, for leases and logs: two hosts configured
 * for the same store get the same string whatever the region or path-style parameters say.
 */
export function storeIdentity(config: Pick<StoreConfig, 'url'>): string {
  const where = parseStoreUrl(config.url);
  if (where.kind === 'file') return `file://${where.root.replace(/(.)\/+$/, '$1')}`;
  const base = `s3://${where.bucket}/${where.prefix}`;
  if (!where.endpoint) return base;
  const endpoint = new URL(where.endpoint);
  return `${base}?endpoint=${endpoint.protocol}//${endpoint.host}${endpoint.pathname.replace(/\/+$/, '')}`;
}
