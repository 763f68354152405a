import { fsBackend } from './backend/fs';
import { objectBackend } from './backend/objects';
import type { Backend } from './backend/types';
import { localCoordinator, type StoreCoordinator } from './coordinator';
import { parseManifest, serializeManifest, type Manifest } from './manifest';
import type { ObjectStore } from './objects';
import { chunkName, deriveStoreKeys, open, seal, SealError, type StoreKeys } from './seal';

// A chunk store opened for use: where its objects live (a Backend), and how they are named and
// sealed (seal.ts). The store describes itself in lifeboat-store.json, written before its first
// capture: a format version and, for an encrypted store, a key check, so a missing or wrong key
// is refused with a sentence when the store is opened, not discovered chunk by chunk. A folder
// store from before this file existed has none and is a plain store.

const STORE_FILE = 'lifeboat-store.json';
const FORMAT = 'lifeboat-store';

type StoreDescription = {
  format: typeof FORMAT;
  version: 1;
  createdAt: string;
  encryption: null | { cipher: 'AES-256-GCM'; names: 'HMAC-SHA256'; kdf: 'HKDF-SHA256'; keyCheck: string };
};

/** The store cannot be used with the key given (or without one). */
export class StoreKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreKeyError';
  }
}

export type OpenStoreOptions = {
  /** The store's 32-byte key: its chunks and manifests are encrypted. */
  key?: Buffer;
  /** Leases for an object store several processes share (default: this process only). */
  coordinator?: StoreCoordinator;
  /** The store's name in leases: the same on every host (default: its location). */
  identity?: string;
  /** Object stores: how old an unreferenced chunk must be before GC deletes it. */
  graceMs?: number;
};

export type OpenedStore = {
  readonly location: string;
  readonly backend: Backend;
  readonly keys?: StoreKeys;
  /** The name chunk `hash` (its content's SHA-256) is stored under. */
  nameOf(hash: string): string;
  encodeManifest(manifest: Manifest): Buffer;
  decodeManifest(bytes: Buffer, id: string): Manifest;
  /** Writes the store's description if it has none yet (before the first capture). */
  describe(): Promise<void>;
};

const manifestAad = (id: string) => Buffer.from(`lifeboat-manifest:${id}`);

export async function openChunkStore(
  where: string | ObjectStore,
  options: OpenStoreOptions = {},
): Promise<OpenedStore> {
  const backend =
    typeof where === 'string'
      ? fsBackend(where)
      : objectBackend(where, {
          identity: options.identity ?? where.location,
          coordinator: options.coordinator ?? localCoordinator(),
          graceMs: options.graceMs,
        });
  const keys = options.key ? deriveStoreKeys(options.key) : undefined;
  let described = await readDescription(backend);
  if (described) checkKey(backend.location, described, keys);
  else if (keys && (await backend.manifestIds()).length) {
    throw new StoreKeyError(
      `The store at ${backend.location} already holds unencrypted images or backups; a key cannot be added to it. Give it a new, empty location instead.`,
    );
  }
  return {
    location: backend.location,
    backend,
    keys,
    nameOf: (hash) => chunkName(keys, hash),
    encodeManifest(manifest) {
      const text = Buffer.from(serializeManifest(manifest));
      return keys ? seal(keys.seal, text, manifestAad(manifest.id)) : text;
    },
    decodeManifest(bytes, id) {
      if (!keys) return parseManifest(bytes.toString('utf8'), id);
      try {
        return parseManifest(open(keys.seal, bytes, manifestAad(id)).toString('utf8'), id);
      } catch (error) {
        if (error instanceof SealError) throw new StoreKeyError(`Manifest ${id} cannot be read: ${error.message}.`);
        throw error;
      }
    },
    async describe() {
      if (described) return;
      described = {
        format: FORMAT,
        version: 1,
        createdAt: new Date().toISOString(),
        encryption: keys
          ? { cipher: 'AES-256-GCM', names: 'HMAC-SHA256', kdf: 'HKDF-SHA256', keyCheck: keys.check }
          : null,
      };
      await backend.putMeta(STORE_FILE, Buffer.from(`${JSON.stringify(described, null, 2)}\n`));
    },
  };
}

async function readDescription(backend: Backend): Promise<StoreDescription | null> {
  const bytes = await backend.getMeta(STORE_FILE);
  if (!bytes) return null;
  let value: Partial<StoreDescription>;
  try {
    value = JSON.parse(bytes.toString('utf8')) as Partial<StoreDescription>;
  } catch {
    throw new StoreKeyError(`The store at ${backend.location} has an unreadable ${STORE_FILE}.`);
  }
  if (value.format !== FORMAT || value.version !== 1)
    throw new StoreKeyError(
      `The store at ${backend.location} is not a Lifeboat store this version can read (${STORE_FILE} says ${JSON.stringify({ format: value.format, version: value.version })}).`,
    );
  return value as StoreDescription;
}

function checkKey(location: string, described: StoreDescription, keys: StoreKeys | undefined): void {
  if (described.encryption && !keys)
    throw new StoreKeyError(`The store at ${location} is encrypted: set its key to read or write it.`);
  if (!described.encryption && keys)
    throw new StoreKeyError(
      `The store at ${location} was created without encryption; a key cannot be added to it. Give it a new, empty location instead.`,
    );
  if (described.encryption && keys && described.encryption.keyCheck !== keys.check)
    throw new StoreKeyError(`The key given for the store at ${location} is not its key.`);
}

/** Functions that take a store accept a folder for the plain folder store, as they always did. */
export type StoreArg = string | OpenedStore;

export async function storeOf(store: StoreArg): Promise<OpenedStore> {
  return typeof store === 'string' ? openChunkStore(store) : store;
}
