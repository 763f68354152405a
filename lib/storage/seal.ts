import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

// Encryption at rest for a store that is not yours. One 32-byte key per store; from
// it HKDF derives two keys that never meet: one seals chunks and manifests with AES-256-GCM, the
// other names chunks by an HMAC of their content's SHA-256, so the store's operator learns
// neither the bytes nor which chunks two disks share, while equal chunks still get equal names
// (dedup works inside the store). GCM authenticates: a wrong key or a changed byte is an error,
// never garbage.
//
// Sealed form (chunks and manifests alike): "LBS1" | 12-byte nonce | ciphertext | 16-byte tag,
// with the object's role as associated data, so a manifest cannot be passed off as a chunk.
// chunk-worker.mjs repeats the chunk half of this (it cannot import TypeScript).

const SEAL_MAGIC = Buffer.from('LBS1');
export const SEAL_OVERHEAD = 4 + 12 + 16;

export type StoreKeys = {
  /** AES-256-GCM key for chunks and manifests. */
  seal: Buffer;
  /** HMAC-SHA256 key for chunk names. */
  names: Buffer;
  /** A value anyone can keep beside the store to tell the right key from a wrong one. */
  check: string;
};

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

const derive = (key: Buffer, info: string) => Buffer.from(hkdfSync('sha256', key, 'lifeboat-store-v1', info, 32));

export function deriveStoreKeys(key: Buffer): StoreKeys {
  if (key.length !== 32) throw new SealError(`A store key is 32 bytes; this one is ${key.length}.`);
  const names = derive(key, 'chunk names');
  return {
    seal: derive(key, 'seal'),
    names,
    check: createHmac('sha256', derive(key, 'key check')).update('lifeboat').digest('hex'),
  };
}

export function generateStoreKey(): Buffer {
  return randomBytes(32);
}

/** The name a chunk is stored under: its SHA-256 itself, or keyed when the store is encrypted. */
export function chunkName(keys: StoreKeys | undefined, hash: string): string {
  return keys ? createHmac('sha256', keys.names).update(Buffer.from(hash, 'hex')).digest('hex') : hash;
}

export function seal(key: Buffer, plain: Uint8Array, aad: Buffer): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = cipher.update(plain);
  cipher.final();
  return Buffer.concat([SEAL_MAGIC, nonce, body, cipher.getAuthTag()]);
}

export function open(key: Buffer, sealed: Uint8Array, aad: Buffer): Buffer {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (bytes.length < SEAL_OVERHEAD || !bytes.subarray(0, 4).equals(SEAL_MAGIC))
    throw new SealError('it is not encrypted the way Lifeboat encrypts');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(4, 16));
  decipher.setAAD(aad);
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  const plain = decipher.update(bytes.subarray(16, bytes.length - 16));
  try {
    decipher.final();
  } catch {
    throw new SealError('it does not decrypt with this store’s key (the key is wrong, or the object was changed)');
  }
  return plain;
}
