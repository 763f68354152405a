import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, parseKey, SecretKeyError } from './secrets';

const KEY = crypto.randomBytes(32);
const saved = process.env.LIFEBOAT_SECRET_KEY;

describe('secrets at rest', () => {
  beforeEach(() => void (process.env.LIFEBOAT_SECRET_KEY = KEY.toString('base64url')));
  afterEach(() => void (process.env.LIFEBOAT_SECRET_KEY = saved));

  it('encrypts to v1:iv:tag:ciphertext, never containing the plain text, and decrypts back', () => {
    const stored = encryptSecret('linode-token-abc123');
    expect(stored).toMatch(/^v1:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(stored).not.toContain('linode-token');
    expect(decryptSecret(stored)).toBe('linode-token-abc123');
    // A fresh IV each time: the same token never gives the same stored value.
    expect(encryptSecret('linode-token-abc123')).not.toBe(stored);
  });

  it('refuses a changed value or another key', () => {
    const stored = encryptSecret('secret');
    const [v, iv, tag, body] = stored.split(':');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString('base64url')].join(':'))).toThrow(SecretKeyError);
    process.env.LIFEBOAT_SECRET_KEY = crypto.randomBytes(32).toString('hex');
    expect(() => decryptSecret(stored)).toThrow('not the key it was encrypted with');
    expect(() => decryptSecret('plain-text')).toThrow('not in a format');
  });

  it('says what to do when the key is missing or too short, without echoing it', () => {
    delete process.env.LIFEBOAT_SECRET_KEY;
    expect(() => encryptSecret('x')).toThrow('LIFEBOAT_SECRET_KEY is not set');
    process.env.LIFEBOAT_SECRET_KEY = 'hunter2';
    expect(() => encryptSecret('x')).toThrow(/too short/);
    expect(() => encryptSecret('x')).not.toThrow(/hunter2/);
  });

  it('reads the key as hex, base64 or base64url, and stretches anything else as a passphrase', () => {
    expect(parseKey(KEY.toString('hex')).equals(KEY)).toBe(true);
    expect(parseKey(KEY.toString('base64')).equals(KEY)).toBe(true);
    expect(parseKey(KEY.toString('base64url')).equals(KEY)).toBe(true);
    const a = parseKey('correct horse battery staple');
    expect(a).toHaveLength(32);
    expect(parseKey('correct horse battery staple').equals(a)).toBe(true);
    process.env.LIFEBOAT_SECRET_KEY = 'correct horse battery staple';
    expect(decryptSecret(encryptSecret('via passphrase'))).toBe('via passphrase');
  });
});
