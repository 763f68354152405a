import 'server-only';
import { can } from '@/lib/auth/permissions';
import { requireCaller } from '@/lib/auth/session';
import { defaultStoreConfig, scopeLabel, StoreConfigError, storeConfigFromEnv, storeEnvName, storeScopes, type StoreScope, type StoreSource } from '@/lib/config/stores';
import { db } from '@/lib/db/client';
import { copiesNoun, storedCopies } from '@/lib/services/stores';

// The Storage page's read, admins only (null for anyone else). It says where each store is,
// who set it, and whether credentials and a key are set: never a secret or a key, which stay
// sealed in their rows (nothing here decrypts them).

export type StoreRow = {
  scope: StoreScope;
  label: string;
  envName: string;
  source: StoreSource;
  url: string;
  defaultUrl: string;
  /** The access key ID (an identifier, not a secret; shown so it can be checked and edited). */
  accessKeyId: string | null;
  hasCredentials: boolean;
  encrypted: boolean;
  copies: number;
  copiesNoun: string;
  updatedByName: string | null;
  updatedAt: string | null;
  /** A setting in the environment that cannot be used, in words (the store is then unusable). */
  problem: string | null;
};

export async function readStores(): Promise<StoreRow[] | null> {
  const caller = await requireCaller();
  if (!can(caller, 'admin')) return null;
  const rows = new Map((await db().storeSetting.findMany()).map((r) => [r.scope, r]));
  return Promise.all(
    storeScopes().map(async (scope): Promise<StoreRow> => {
      const row = rows.get(scope);
      const copies = await storedCopies(db(), scope);
      const base = { scope, label: scopeLabel(scope), envName: storeEnvName(scope), defaultUrl: defaultStoreConfig(scope).url, copies, copiesNoun: copiesNoun(scope, copies), problem: null };
      const setting = {
        source: 'setting' as const,
        url: row?.url ?? '',
        accessKeyId: row?.accessKeyId ?? null,
        hasCredentials: !!row?.accessKeyId && !!row?.secretAccessKeyEncrypted,
        encrypted: !!row?.storeKeyEncrypted,
        updatedByName: row?.updatedByName ?? null,
        updatedAt: row?.updatedAt.toISOString() ?? null,
      };
      try {
        const env = storeConfigFromEnv(scope, process.env);
        if (env) return { ...base, source: 'environment', url: env.url, accessKeyId: env.accessKeyId ?? null, hasCredentials: !!env.secretAccessKey, encrypted: !!env.key, updatedByName: null, updatedAt: null };
      } catch (error) {
        if (!(error instanceof StoreConfigError)) throw error;
        return { ...base, ...setting, source: 'environment', url: '', problem: error.message };
      }
      if (row) return { ...base, ...setting };
      return { ...base, ...setting, source: 'default', url: base.defaultUrl };
    }),
  );
}
