import { createHash } from 'node:crypto';
import { storeGraceMs } from '@/lib/config/env';
import { storeConfig, storeIdentity, type StoreConfig, type StoreScope } from '@/lib/config/stores';
import { databaseCoordinator } from './store-leases';
import { openChunkStore, type OpenedStore } from '@/lib/storage';
import { parseStoreUrl } from '@/lib/config/store-url';
import { openObjectStore } from '@/lib/storage/objects';

// The chunk stores of the providers whose copies Lifeboat keeps itself (storesCopies): the image
// store, and one backup store per region. Each is wherever its configuration says
// (lib/config/stores.ts: environment, admin setting, or the folder under DATA_DIR), opened on
// first use and kept while its configuration stays the same. An object store's captures and collections take leases in the database, which every
// host sharing the store also shares.

const opened = new Map<string, Promise<OpenedStore>>();

/** A store's configuration in one string (secrets hashed, never kept in clear as a key). */
function fingerprint(config: StoreConfig): string {
  const secret = createHash('sha256')
    .update(`${config.secretAccessKey ?? ''}\0${config.key?.toString('hex') ?? ''}`)
    .digest('hex');
  return `${config.url}\0${config.accessKeyId ?? ''}\0${secret}`;
}

export function openConfiguredStore(config: StoreConfig): Promise<OpenedStore> {
  const id = fingerprint(config);
  let store = opened.get(id);
  if (!store) {
    const where = parseStoreUrl(config.url);
    store =
      where.kind === 'file'
        ? openChunkStore(where.root, { key: config.key })
        : openChunkStore(
            openObjectStore(config.url, { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }),
            {
              key: config.key,
              identity: storeIdentity(config),
              coordinator: databaseCoordinator(),
              graceMs: storeGraceMs(),
            },
          );
    // A store that could not be opened (unreachable, wrong key) is tried afresh next time.
    store.catch(() => opened.delete(id));
    opened.set(id, store);
  }
  return store;
}

export async function openScopeStore(scope: StoreScope): Promise<OpenedStore> {
  return openConfiguredStore(await storeConfig(scope));
}

export const imageStore = () => openScopeStore('images');
export const backupStore = (region: string) => openScopeStore(`backups:${region}`);
