import { describe, expect, it } from 'vitest';
import { generateOneTimePassword, ONE_TIME_ALPHABET, ONE_TIME_BITS } from './one-time-password';

describe('one-time passwords', () => {
  it('are four dash-separated groups of five characters from the unambiguous alphabet', () => {
    for (let i = 0; i < 200; i += 1) {
      const password = generateOneTimePassword();
      expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
      for (const ch of password.replaceAll('-', '')) expect(ONE_TIME_ALPHABET).toContain(ch);
    }
  });

  it('leave out characters that are easy to misread', () => {
    for (const ch of ['0', 'o', '1', 'l', 'i', 'I', 'O']) expect(ONE_TIME_ALPHABET).not.toContain(ch);
    expect(new Set(ONE_TIME_ALPHABET).size).toBe(ONE_TIME_ALPHABET.length);
  });

  it('carry about 100 bits, so no two are alike in practice', () => {
    expect(ONE_TIME_BITS).toBeGreaterThan(98);
    const seen = new Set(Array.from({ length: 2000 }, () => generateOneTimePassword()));
    expect(seen.size).toBe(2000);
  });

  it('use every draw as an index into the alphabet', () => {
    let n = 0;
    const password = generateOneTimePassword((max) => n++ % max);
    expect(password).toBe('abcde-fghjk-mnpqr-stuvw');
  });
});
