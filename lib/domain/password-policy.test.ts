import { describe, expect, it } from 'vitest';
import { checkPassword, isCommonPassword, newPasswordSchema } from './password-policy';

describe('password policy', () => {
  it('needs 12 to 128 characters, counting characters rather than bytes', () => {
    expect(checkPassword('short-pass1')).toBe('Use at least 12 characters.');
    expect(checkPassword('kettle-orbit-mauve')).toBeNull();
    expect(checkPassword('üöäßéñüöäßéñ')).toBeNull();
    expect(checkPassword('üöäßéñüöäßé')).toBe('Use at least 12 characters.');
    expect(checkPassword('a7'.repeat(64))).toBeNull();
    expect(checkPassword('a7'.repeat(64) + 'b')).toBe('Use at most 128 characters.');
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
