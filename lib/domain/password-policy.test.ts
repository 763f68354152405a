import { describe, expect, it } from 'vitest';
import {
  checkPassword,
  isCommonPassword,
  isTooLongForBcrypt,
  MAX_BYTES,
  newPasswordSchema,
  passwordBytes,
} from './password-policy';

describe('password policy', () => {
  it('needs at least 12 characters, counting characters rather than bytes', () => {
    expect(checkPassword('short-pass1')).toBe('Use at least 12 characters.');
    expect(checkPassword('kettle-orbit-mauve')).toBeNull();
    expect(checkPassword('üöäßéñüöäßéñ')).toBeNull();
    expect(checkPassword('üöäßéñüöäßé')).toBe('Use at least 12 characters.');
  });

  it('refuses more than 72 UTF-8 bytes, the most bcrypt reads, counting bytes rather than characters', () => {
    expect(MAX_BYTES).toBe(72);
    expect(checkPassword('a7'.repeat(36))).toBeNull();
    expect(checkPassword('a7'.repeat(36) + 'b')).toBe(
      'Use at most 72 bytes: that is 72 plain letters, digits or spaces, fewer with accented letters or emoji (this one is 73 bytes).',
    );
    expect(checkPassword('a7'.repeat(50))).toMatch(/^Use at most 72 bytes: .*\(this one is 100 bytes\)\.$/);
    // 36 two-byte letters are 72 bytes; a 37th is 74, though only 37 characters.
    expect(passwordBytes('é'.repeat(36))).toBe(72);
    expect(checkPassword('ké'.repeat(24))).toBeNull();
    expect(checkPassword('é'.repeat(37))).toMatch(/this one is 74 bytes/);
    // Emoji are four bytes: 18 fit, 19 do not.
    expect(checkPassword('🛟'.repeat(18))).toBeNull();
    expect(checkPassword('🛟'.repeat(19))).toMatch(/this one is 76 bytes/);
    expect(isTooLongForBcrypt('x'.repeat(72))).toBe(false);
    expect(isTooLongForBcrypt('x'.repeat(71) + 'é')).toBe(true);
  });

  it('refuses common passwords in any case, and with digits or punctuation added', () => {
    const common = 'This password is too common. Choose something less guessable.';
    expect(checkPassword('qwerty123456')).toBe(common);
    expect(checkPassword('QWERTY123456')).toBe(common);
    expect(checkPassword('password2024!')).toBe(common);
    expect(checkPassword('Football12345')).toBe(common);
    expect(checkPassword('letmein 1234 !!')).toBe(common);
    expect(isCommonPassword('kettle-orbit-mauve')).toBe(false);
  });

  it("refuses a password built from the user's own email or name", () => {
    const user = { email: 'margaret@example.com', name: 'Margaret Hamilton' };
    expect(checkPassword('margaret-rocks-42', user)).toBe('Do not use your email address or name in your password.');
    expect(checkPassword('xx-HAMILTON-apollo', user)).toBe('Do not use your email address or name in your password.');
    expect(checkPassword('kettle-orbit-mauve', user)).toBeNull();
    // Very short parts are ignored: "Al" would refuse half the dictionary.
    expect(checkPassword('also-a-good-one-7', { email: 'al@example.com', name: 'Al' })).toBeNull();
  });

  it('reports the same messages through the zod schema forms use', () => {
    const result = newPasswordSchema.safeParse('short');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe('Use at least 12 characters.');
    expect(newPasswordSchema.safeParse('kettle-orbit-mauve').success).toBe(true);
  });
});
