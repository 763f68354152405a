import { describe, expect, it } from 'vitest';
import { crc32, formatToken, isWellFormedToken, tokenExpiry, tokenUnusable, TOKEN_PATTERN } from './api-tokens';

const bytes = (seed: number) => Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + seed) & 0xff);

describe('personal access token format', () => {
  it('has the prefix, 38 base62 characters and a checksum that holds', () => {
    const token = formatToken(bytes(1));
    expect(token).toMatch(TOKEN_PATTERN);
    expect(token.startsWith('lbt_')).toBe(true);
    expect(isWellFormedToken(token)).toBe(true);
  });

  it('differs for different random bytes', () => {
    expect(formatToken(bytes(1))).not.toBe(formatToken(bytes(2)));
  });

  it('refuses a token with one character changed, a wrong prefix or a wrong length', () => {
    const token = formatToken(bytes(3));
    const i = 10;
    const changed = token.slice(0, i) + (token[i] === 'a' ? 'b' : 'a') + token.slice(i + 1);
    expect(isWellFormedToken(changed)).toBe(false);
    expect(isWellFormedToken('ghp_' + token.slice(4))).toBe(false);
    expect(isWellFormedToken(token.slice(0, -1))).toBe(false);
    expect(isWellFormedToken(token + 'A')).toBe(false);
    expect(isWellFormedToken('')).toBe(false);
  });

  it('computes the standard CRC-32', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
  });

  it('refuses fewer than 32 random bytes', () => {
    expect(() => formatToken(new Uint8Array(31))).toThrow(/32 random bytes/);
  });
});

describe('token expiry and state', () => {
  const now = new Date('2026-12-02T10:00:00Z');
  it('expires the chosen number of days later, or never', () => {
    expect(tokenExpiry(now, 30)?.toISOString()).toBe('2027-01-01T10:00:00.000Z');
    expect(tokenExpiry(now, null)).toBeNull();
  });
  it('says why a revoked or expired token cannot be used', () => {
    expect(tokenUnusable({ revokedAt: now, expiresAt: null }, now)).toBe('This token was revoked.');
    expect(tokenUnusable({ revokedAt: null, expiresAt: now }, now)).toBe('This token has expired.');
    expect(tokenUnusable({ revokedAt: null, expiresAt: new Date(now.getTime() + 1) }, now)).toBeNull();
    expect(tokenUnusable({ revokedAt: null, expiresAt: null }, now)).toBeNull();
  });
});
