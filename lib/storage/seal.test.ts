import { describe, expect, it } from 'vitest';
import { chunkName, deriveStoreKeys, generateStoreKey, open, seal, SealError, SEAL_OVERHEAD } from './seal';

const hash = 'a'.repeat(64);

describe('store keys', () => {
  it('derive distinct sealing and naming keys, and a check that tells keys apart', () => {
    const key = generateStoreKey();
    const keys = deriveStoreKeys(key);
    expect(keys.seal.equals(keys.names)).toBe(false);
    expect(deriveStoreKeys(Buffer.from(key)).check).toBe(keys.check);
    expect(deriveStoreKeys(generateStoreKey()).check).not.toBe(keys.check);
    expect(() => deriveStoreKeys(Buffer.alloc(16))).toThrow(SealError);
  });

  it('name chunks by content under one key, differently under another, plainly without one', () => {
    const a = deriveStoreKeys(generateStoreKey());
    const b = deriveStoreKeys(generateStoreKey());
    expect(chunkName(undefined, hash)).toBe(hash);
    expect(chunkName(a, hash)).toMatch(/^[0-9a-f]{64}$/);
    expect(chunkName(a, hash)).not.toBe(hash);
    expect(chunkName(a, hash)).toBe(chunkName(a, hash));
    expect(chunkName(b, hash)).not.toBe(chunkName(a, hash));
  });
});

describe('seal and open', () => {
  const keys = deriveStoreKeys(generateStoreKey());
  const aad = Buffer.from('role');

  it('round-trips, adds a fixed overhead and never repeats a ciphertext', () => {
    const plain = Buffer.from('the manifest of db-primary');
    const one = seal(keys.seal, plain, aad);
    expect(one.length).toBe(plain.length + SEAL_OVERHEAD);
    expect(one.includes(plain)).toBe(false);
    expect(seal(keys.seal, plain, aad).equals(one)).toBe(false);
    expect(open(keys.seal, one, aad).equals(plain)).toBe(true);
  });

  it('refuses a wrong key, another role, a flipped byte and plain bytes with a clear message', () => {
    const sealed = seal(keys.seal, Buffer.from('x'.repeat(100)), aad);
    expect(() => open(deriveStoreKeys(generateStoreKey()).seal, sealed, aad)).toThrow(
      /does not decrypt with this store’s key/,
    );
    expect(() => open(keys.seal, sealed, Buffer.from('other'))).toThrow(SealError);
    const flipped = Buffer.from(sealed);
    flipped[40] ^= 1;
    expect(() => open(keys.seal, flipped, aad)).toThrow(SealError);
    expect(() => open(keys.seal, Buffer.from('{"version":2}'), aad)).toThrow(/not encrypted the way Lifeboat encrypts/);
  });
});
