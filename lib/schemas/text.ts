import { z } from 'zod';

// The rules every text and number field shares, so each schema says only what is its own.
//
// Text: a string with a lone UTF-16 surrogate cannot be stored as UTF-8 (it comes back as three
// replacement characters), and PostgreSQL refuses U+0000 outright; both are refused in every
// field of every action (lib/actions/safe-action.ts asks illFormedFields). A one-line label
// (a name, a tag, a token) also has no control characters, line or paragraph separators, or the
// bidirectional overrides that make text read differently from how it is stored.
//
// Numbers: what a person types, in plain decimal digits. Number() and z.coerce read "0x10" as
// 16, "1e3" as 1000, "  7 " and "+7" as 7 and "" as 0; none of those is what was meant.

export const ILL_FORMED_MESSAGE =
  'This text has a broken character in it (a lone UTF-16 surrogate or a NUL); type it again.';
export const CONTROL_MESSAGE = 'Use only printable characters (no line breaks, tabs or control characters).';

/** False for a lone surrogate or U+0000, which no field may hold. */
export function isWellFormedText(text: string): boolean {
  return text.isWellFormed() && !text.includes('\u0000');
}

// Cc (C0, DEL, C1), line and paragraph separators, and bidi embeddings, overrides and isolates.
const NOT_IN_A_LABEL = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
// A description may have line breaks and tabs, but no other control characters.
const NOT_IN_PROSE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** True for one-line text a label may hold: well formed and free of control characters. */
export function isLabelText(text: string): boolean {
  return isWellFormedText(text) && !NOT_IN_A_LABEL.test(text);
}

/** True for multi-line text (descriptions): well formed, line breaks and tabs allowed. */
export function isProseText(text: string): boolean {
  return isWellFormedText(text) && !NOT_IN_PROSE.test(text);
}

/** The names of the fields (top-level keys) holding any ill-formed string, however deep. */
export function illFormedFields(input: unknown): string[] {
  if (!input || typeof input !== 'object' || input instanceof Blob) return [];
  const bad = (value: unknown, depth: number): boolean => {
    if (typeof value === 'string') return !isWellFormedText(value);
    if (depth > 8 || !value || typeof value !== 'object' || value instanceof Blob) return false;
    return Object.entries(value).some(([key, v]) => !isWellFormedText(key) || bad(v, depth + 1));
  };
  return Object.entries(input)
    .filter(([key, value]) => !isWellFormedText(key) || bad(value, 0))
    .map(([key]) => key);
}

/** A string schema for a one-line field: trimmed, then refused with a field error if it has control characters. */
export function labelText(message = 'Enter text.') {
  return z.string({ message }).trim().refine(isLabelText, CONTROL_MESSAGE);
}

/** A string schema for a multi-line field (line breaks and tabs kept as typed). */
export function proseText(message = 'Enter text.') {
  return z
    .string({ message })
    .refine(isProseText, 'Remove the control characters from this text (line breaks and tabs are fine).');
}

const DIGITS = /^-?\d+$/;
const DECIMAL = /^-?(\d+(\.\d+)?|\.\d+)$/;

/** The number a form field holds, or NaN unless it is exactly plain digits (with a point if `decimal`). */
export function parsePlainNumber(value: unknown, decimal = false): number {
  if (typeof value === 'number')
    return Number.isFinite(value) && (decimal || Number.isInteger(value)) ? value : Number.NaN;
  if (typeof value !== 'string' || !(decimal ? DECIMAL : DIGITS).test(value)) return Number.NaN;
  return Number(value);
}

type Range = { min: number; max: number; message: string; minMessage?: string; maxMessage?: string };

/** A whole number typed as plain digits ("25"; not "0x19", "2.5e1", " 25", "+25", "25.0" or ""). */
export function wholeNumber({ min, max, message, minMessage, maxMessage }: Range) {
  return z.preprocess(
    (v) => parsePlainNumber(v),
    z
      .number({ message })
      .min(min, minMessage ?? message)
      .max(max, maxMessage ?? message),
  );
}

/** A decimal typed as plain digits with an optional point ("0.5", "12"; not "1e3", "0x10", " 1" or ""). */
export function decimalNumber({ min, max, message, minMessage, maxMessage }: Range) {
  return z.preprocess(
    (v) => parsePlainNumber(v, true),
    z
      .number({ message })
      .min(min, minMessage ?? message)
      .max(max, maxMessage ?? message),
  );
}
