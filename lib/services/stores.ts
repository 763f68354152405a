import { randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import { decryptSecret, encryptSecret, parseRawKey } from '@/lib/crypto/secrets';
import { COUNTED_IMAGE_STATUSES } from '@/lib/domain/images';
import { kindsWhere } from '@/lib/providers';
import {
  defaultStoreConfig,
  isStoreScope,
  STORE_KEY_HELP,
  scopeLabel,
  scopeRegion,
  storeConfigFromEnv,
  storeEnvName,
  storeIdentity,
  type StoreScope,
} from '@/lib/config/stores';
import { isS3Url } from '@/lib/config/store-env';
import { DomainError } from '@/lib/domain/errors';
import type { Actor } from './images';

// The admin setting of where a chunk store is (StoreSetting). Its S3 secret and encryption key
// are sealed like provider tokens and never read back out of here except by lib/config/stores.ts.
// Two changes can strand what a store holds: pointing it elsewhere (what is there stays there;
// nothing is moved) needs an explicit confirmation, and changing the key of a store that holds
// copies is refused outright, because those copies can only be read with the key they were
// written with and a store has one key.

type KeyChoice = 'keep' | 'generate' | 'enter' | 'clear';

export type StoreSettingInput = {
  scope: string;
  url: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  clearCredentials?: boolean;
  keyChoice: KeyChoice;
  storeKey?: string;
  confirmMove?: boolean;
};

/** How many images (or a region's backups) Lifeboat keeps in this scope's store, by the database. */
export async function storedCopies(db: Db, scope: StoreScope): Promise<number> {
  // Only providers whose copies Lifeboat keeps itself use the chunk stores (a remote image is the provider's).
  const local = { in: kindsWhere((t) => t.storesCopies) };
  const region = scopeRegion(scope);
  if (region === null)
    return db.image.count({ where: { status: { in: COUNTED_IMAGE_STATUSES }, account: { kind: local } } });
  return db.backup.count({ where: { region, status: { not: 'failed' }, instance: { account: { kind: local } } } });
}

export const copiesNoun = (scope: StoreScope, n: number) =>
  scopeRegion(scope) === null ? (n === 1 ? 'image' : 'images') : n === 1 ? 'backup' : 'backups';

/** A scope an admin may set: a known store, not fixed by the environment. */
function settableScope(scope: string): StoreScope {
  if (!isStoreScope(scope)) throw new DomainError('There is no such store on this host.', 'scope');
  if (storeConfigFromEnv(scope, process.env))
    throw new DomainError(
      `${scopeLabel(scope)} is set by ${storeEnvName(scope)} in this host's environment; change it there.`,
    );
  return scope;
}

type Change = {
  scope: StoreScope;
  fromUrl: string;
  toUrl: string;
  keyChanges: boolean;
  hadKey: boolean;
  confirmMove?: boolean;
};

/** Refuses a change that would strand the copies the store holds; returns whether the store moves. */
async function checkChange(db: Db, c: Change) {
  const moving = storeIdentity({ url: c.fromUrl }) !== storeIdentity({ url: c.toUrl });
  const copies = await storedCopies(db, c.scope);
  if (copies === 0) return { moving, copies };
  const held = `${scopeLabel(c.scope)} holds ${copies} ${copiesNoun(c.scope, copies)}`;
  if (moving && !c.confirmMove) {
    throw new DomainError(
      `${held}. They stay in the current store (${c.fromUrl}) and are not moved to the new one. Tick the box to confirm.`,
      'confirmMove',
    );
  }
  if (!moving && c.keyChanges) {
    const how = c.hadKey ? 'with its current key' : 'without a key';
    throw new DomainError(
      `${held}, written ${how}: Lifeboat could no longer read them with another. To use a new key, point the store at a new, empty location.`,
      'keyChoice',
    );
  }
  return { moving, copies };
}

/** Saves the scope's URL, credentials and key; a generated key comes back once, never again. */
export async function saveStoreSetting(db: Db, input: StoreSettingInput, actor: Actor) {
  const scope = settableScope(input.scope);
  const row = await db.storeSetting.findUnique({ where: { scope } });
  const currentKey = row?.storeKeyEncrypted ? parseRawKey(decryptSecret(row.storeKeyEncrypted)) : null;
  let key = currentKey;
  if (input.keyChoice === 'generate') key = randomBytes(32);
  if (input.keyChoice === 'clear') key = null;
  if (input.keyChoice === 'enter') {
    key = parseRawKey(input.storeKey ?? '');
    if (!key) throw new DomainError(STORE_KEY_HELP, 'storeKey');
  }
  const sameKey = key === currentKey || (key !== null && currentKey !== null && key.equals(currentKey));
  const { moving, copies } = await checkChange(db, {
    scope,
    fromUrl: row?.url ?? defaultStoreConfig(scope).url,
    toUrl: input.url,
    keyChanges: !sameKey,
    hadKey: currentKey !== null,
    confirmMove: input.confirmMove,
  });
  const credentials = storeCredentials(input, row);
  const data = {
    url: input.url,
    ...credentials,
    storeKeyEncrypted: key === null ? null : encryptSecret(key.toString('base64')),
    updatedById: actor.id,
    updatedByName: actor.name,
  };
  await db.storeSetting.upsert({ where: { scope }, create: { scope, ...data }, update: data });
  return {
    scope,
    moving,
    copies,
    generatedKey: input.keyChoice === 'generate' ? key!.toString('base64') : undefined,
    encrypted: key !== null,
    hasCredentials: credentials.accessKeyId !== null,
  };
}

/** The credentials to store: only an S3 store has them; a blank secret keeps the one saved. */
function storeCredentials(input: StoreSettingInput, row: { secretAccessKeyEncrypted: string | null } | null) {
  if (!isS3Url(input.url)) {
    if (input.accessKeyId || input.secretAccessKey)
      throw new DomainError('A folder on this host needs no access key: leave these blank.', 'accessKeyId');
    return { accessKeyId: null, secretAccessKeyEncrypted: null };
  }
  if (input.clearCredentials) return { accessKeyId: null, secretAccessKeyEncrypted: null };
  const secretAccessKeyEncrypted = input.secretAccessKey
    ? encryptSecret(input.secretAccessKey)
    : (row?.secretAccessKeyEncrypted ?? null);
  const accessKeyId = input.accessKeyId || null;
  if (accessKeyId && !secretAccessKeyEncrypted)
    throw new DomainError('Enter the secret access key that goes with this access key ID.', 'secretAccessKey');
  if (!accessKeyId && secretAccessKeyEncrypted)
    throw new DomainError(
      'Enter the access key ID that goes with the secret, or tick "Remove the access key and secret".',
      'accessKeyId',
    );
  return { accessKeyId, secretAccessKeyEncrypted };
}

/** Deletes the admin setting: the store is its default folder again. */
export async function resetStoreSetting(db: Db, input: { scope: string; confirmMove?: boolean }) {
  const scope = settableScope(input.scope);
  const row = await db.storeSetting.findUnique({ where: { scope } });
  if (!row) throw new DomainError(`${scopeLabel(scope)} already uses its default folder.`);
  const toUrl = defaultStoreConfig(scope).url;
  const { moving } = await checkChange(db, {
    scope,
    fromUrl: row.url,
    toUrl,
    keyChanges: row.storeKeyEncrypted !== null,
    hadKey: row.storeKeyEncrypted !== null,
    confirmMove: input.confirmMove,
  });
  await db.storeSetting.delete({ where: { scope } });
  return { scope, moving, url: toUrl };
}
