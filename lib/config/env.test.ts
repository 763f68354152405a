import { afterEach, describe, expect, it } from 'vitest';
import { storeGraceMs } from './env';

// LIFEBOAT_STORE_GRACE_MS: unset keeps the store's default; anything but a whole number of ms is refused.

const saved = process.env.LIFEBOAT_STORE_GRACE_MS;
afterEach(() => {
  if (saved === undefined) delete process.env.LIFEBOAT_STORE_GRACE_MS;
  else process.env.LIFEBOAT_STORE_GRACE_MS = saved;
});

describe('storeGraceMs', () => {
  it('is undefined when unset or blank, so the store keeps its own default', () => {
    delete process.env.LIFEBOAT_STORE_GRACE_MS;
    expect(storeGraceMs()).toBeUndefined();
    process.env.LIFEBOAT_STORE_GRACE_MS = '  ';
    expect(storeGraceMs()).toBeUndefined();
  });

  it('reads whole milliseconds, zero included', () => {
    process.env.LIFEBOAT_STORE_GRACE_MS = '0';
    expect(storeGraceMs()).toBe(0);
    process.env.LIFEBOAT_STORE_GRACE_MS = '60000';
    expect(storeGraceMs()).toBe(60_000);
  });

  it.each(['-1', '1.5', '15m', 'abc'])('refuses %s with a message naming the variable', (value) => {
    process.env.LIFEBOAT_STORE_GRACE_MS = value;
    expect(() => storeGraceMs()).toThrow(
      `LIFEBOAT_STORE_GRACE_MS must be a whole number of milliseconds (0 or more), not "${value}".`,
    );
  });
});
