import { describe, expect, it } from 'vitest';
import { pick, prng, randomBytes, repeated } from './fill';

describe('disk content', () => {
  it('repeats itself for a seed, and only for that seed', () => {
    expect(randomBytes(prng(7), 4096).equals(randomBytes(prng(7), 4096))).toBe(true);
    expect(randomBytes(prng(7), 4096).equals(randomBytes(prng(8), 4096))).toBe(false);
  });

  it('gives uint32 words, and picks within the range', () => {
    const random = prng(1);
    for (let i = 0; i < 1000; i++) {
      const word = random();
      expect(Number.isInteger(word) && word >= 0 && word < 2 ** 32).toBe(true);
      const n = pick(random, 10);
      expect(n >= 0 && n < 10).toBe(true);
    }
  });

  it('cuts random bytes and repeated lines to the length asked', () => {
    expect(randomBytes(prng(3), 4095)).toHaveLength(4095);
    expect(repeated('ab\n', 7).toString()).toBe('ab\nab\na');
  });
});
