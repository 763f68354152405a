import { dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';

// What a new password must be (NIST SP 800-63B's advice): long enough, not on a list of
// passwords attackers try first, and not built from the user's own email or name. No rules
// about character classes: they make passwords harder to remember, not to guess.

export const MIN_LENGTH = 12;
export const MAX_LENGTH = 128;

export const PASSWORD_HINT = `At least ${MIN_LENGTH} characters. Not a common password, and not your email or name.`;

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
  if (length > MAX_LENGTH) return `Use at most ${MAX_LENGTH} characters.`;
  if (isCommonPassword(password)) return 'This password is too common. Choose something less guessable.';
  const lower = password.toLowerCase();
  if (personalParts(user).some((part) => lower.includes(part))) return 'Do not use your email address or name in your password.';
  return null;
}

/** A new password field for any form; pass the user to refuse their own email and name too. */
export function newPasswordFor(user: { email?: string; name?: string } = {}) {
  return z.string().superRefine((value, ctx) => {
    const message = checkPassword(value, user);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
}

export const newPasswordSchema = newPasswordFor();
