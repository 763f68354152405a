import { dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';

// What a new password must be (NIST SP 800-63B's advice): long enough, not on a list of
// passwords attackers try first, and not built from the user's own email or name. No rules
// about character classes: they make passwords harder to remember, not to guess.

const MIN_LENGTH = 12;
// bcrypt reads only the first 72 bytes of a password and ignores the rest, so a longer one
// would sign in with any ending. Longer passwords are refused rather than silently cut, and
// the limit is in UTF-8 bytes, not characters: "é" takes two, most emoji four.
export const MAX_BYTES = 72;

export const PASSWORD_HINT = `At least ${MIN_LENGTH} characters and at most ${MAX_BYTES} bytes (${MAX_BYTES} plain letters; accented letters and emoji count as two to four). Not a common password, and not your email or name.`;

/** The password's length as bcrypt sees it: UTF-8 bytes. */
export function passwordBytes(password: string): number {
  return new TextEncoder().encode(password).length;
}

/** Longer than bcrypt reads: such a password is never stored, and never matches at sign-in. */
export function isTooLongForBcrypt(password: string): boolean {
  return passwordBytes(password) > MAX_BYTES;
}

let common: Set<string> | null = null;

/** The ~49k passwords of zxcvbn's common list, lower-cased; built on first use. */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

// "Password2024!" is "password" with the usual suffix people add to pass a length rule.
const SUFFIX = /[\d\p{P}\p{S}\s]+$/u;

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const stripped = lower.replace(SUFFIX, '');
  return commonPasswords().has(lower) || (stripped.length > 0 && commonPasswords().has(stripped));
}

// Parts of the user's identity worth refusing: short ones (3 letters or fewer) would refuse
// too many good passwords by accident.
function personalParts({ email, name }: { email?: string; name?: string }): string[] {
  const local = email?.split('@')[0] ?? '';
  const words = (name ?? '').split(/\s+/);
  return [local, ...words].map((s) => s.trim().toLowerCase()).filter((s) => s.length >= 4);
}

/** Null when the password may be used, else what to change, in words. */
export function checkPassword(password: string, user: { email?: string; name?: string } = {}): string | null {
  const length = [...password].length;
  if (length < MIN_LENGTH) return `Use at least ${MIN_LENGTH} characters.`;
  const bytes = passwordBytes(password);
  if (bytes > MAX_BYTES)
    return `Use at most ${MAX_BYTES} bytes: that is ${MAX_BYTES} plain letters, digits or spaces, fewer with accented letters or emoji (this one is ${bytes} bytes).`;
  if (isCommonPassword(password)) return 'This password is too common. Choose something less guessable.';
  const lower = password.toLowerCase();
  if (personalParts(user).some((part) => lower.includes(part)))
    return 'Do not use your email address or name in your password.';
  return null;
}

/** A new password field for any form; pass the user to refuse their own email and name too. */
function newPasswordFor(user: { email?: string; name?: string } = {}) {
  return z.string().superRefine((value, ctx) => {
    const message = checkPassword(value, user);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
}

export const newPasswordSchema = newPasswordFor();
