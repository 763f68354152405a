import { describe, expect, it } from 'vitest';
import { bearerToken, envToken, hashToken, newScrapeToken, tokenHint, tokenMatches, TOKEN_PREFIX } from './token';

describe('scrape tokens', () => {
  it('are the prefix and 32 random bytes in base64url', () => {
    const token = newScrapeToken(() => Buffer.alloc(32, 0xff));
    expect(token).toBe(`${TOKEN_PREFIX}${'_'.repeat(42)}8`);
    expect(newScrapeToken()).toMatch(/^lbm_[A-Za-z0-9_-]{43}$/);
    expect(newScrapeToken()).not.toBe(newScrapeToken());
  });

  it('are kept as their SHA-256 and match only themselves', () => {
    const token = newScrapeToken();
    const hash = hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token.slice(TOKEN_PREFIX.length));
    expect(tokenMatches(token, hash)).toBe(true);
    expect(tokenMatches(`${token}x`, hash)).toBe(false);
    expect(tokenMatches('', hash)).toBe(false);
    // A stored value that is not a whole hash matches nothing.
    expect(tokenMatches(token, hash.slice(0, 10))).toBe(false);
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('show only their first characters', () => {
    expect(tokenHint('lbm_AbCdEfGh')).toBe('lbm_AbCd…');
  });
});

describe('the Authorization header', () => {
  it.each([
    ['Bearer lbm_abc', 'lbm_abc'],
    ['bearer   lbm_abc ', 'lbm_abc'],
    ['Bearer', null],
    ['Bearer ', null],
    ['Bearer a b', null],
    ['Basic dXNlcjpwYXNz', null],
    ['lbm_abc', null],
    ['', null],
    [null, null],
  ])('%j gives %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});

describe('LIFEBOAT_METRICS_TOKEN', () => {
  it('counts only when long enough', () => {
    expect(envToken({})).toBeNull();
    expect(envToken({ LIFEBOAT_METRICS_TOKEN: 'short' })).toBeNull();
    expect(envToken({ LIFEBOAT_METRICS_TOKEN: ` ${'k'.repeat(32)} ` })).toBe('k'.repeat(32));
  });
});
