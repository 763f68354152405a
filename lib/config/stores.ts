import { decryptSecret } from '@/lib/crypto/secrets';
import { db as appDb, type Db } from '@/lib/db/client';
import {
  awsCredentials,
  checkStoreUrl,
  defaultStoreConfig,
  isS3Url,
  parseStoreKey,
  scopeLabel,
  storeConfigFromEnv,
  type StoreConfig,
  type StoreScope,
} from './store-env';

// Where each chunk store is: the environment first (IMAGE_STORE, BACKUP_STORE_<REGION>), then
// the admin setting (a StoreSetting row), then the folder under DATA_DIR it always was.
// Server code only, but without `import 'server-only'`: the job worker, a plain Node process,
// opens the stores through this too. Secrets are decrypted here and go no further than the
// store that uses them; pages learn only whether they are set (lib/data/stores.ts).

export {
  defaultStoreConfig,
  isStoreScope,
  parseStoreKey,
  scopeLabel,
  scopeRegion,
  STORE_KEY_HELP,
  StoreConfigError,
  storeConfigFromEnv,
  storeEnvName,
  storeIdentity,
  storeScopes,
  type StoreConfig,
  type StoreScope,
  type StoreSource,
} from './store-env';

export type StoreSettingRow = {
  scope: string;
  url: string;
  accessKeyId: string | null;
  secretAccessKeyEncrypted: string | null;
  storeKeyEncrypted: string | null;
};

/** The configuration an admin setting gives (its secrets decrypted), with the AWS pair as the S3 fallback. */
export function configFromSetting(
  scope: StoreScope,
  row: StoreSettingRow,
  env: Record<string, string | undefined> = process.env,
): StoreConfig {
  const name = `The admin setting for ${scopeLabel(scope)}`;
  checkStoreUrl(row.url, name);
  const config: StoreConfig = { scope, url: row.url, source: 'setting' };
  if (row.storeKeyEncrypted) config.key = parseStoreKey(decryptSecret(row.storeKeyEncrypted), `${name}'s key`);
  if (!isS3Url(row.url)) return config;
  if (row.accessKeyId && row.secretAccessKeyEncrypted)
    return { ...config, accessKeyId: row.accessKeyId, secretAccessKey: decryptSecret(row.secretAccessKeyEncrypted) };
  return { ...config, ...(awsCredentials(env) ?? {}) };
}

/** Where the scope's store is and how to open it: environment, then admin setting, then default folder. */
export async function storeConfig(scope: StoreScope, db: Db = appDb()): Promise<StoreConfig> {
  const fromEnv = storeConfigFromEnv(scope, process.env);
  if (fromEnv) return fromEnv;
  const row = await db.storeSetting.findUnique({ where: { scope } });
  return row ? configFromSetting(scope, row) : defaultStoreConfig(scope);
}
