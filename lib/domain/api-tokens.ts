// Personal access tokens: the secret's shape. `lbt_` + 32 random base62 characters + a 6-character
// base62 CRC-32 of them, so a secret scanner (or Lifeboat itself, before any database look-up)
// can tell a real token from a typo or a random string, as GitHub's and npm's tokens do.

export const TOKEN_PREFIX = 'lbt_';
const BODY_LENGTH = 32;
const CHECK_LENGTH = 6;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const TOKEN_PATTERN = /^lbt_[0-9A-Za-z]{38}$/;
/** Characters of the secret kept in clear to tell tokens apart ("lbt_Ab12cd…"). */
export const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function base62(value: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

/** A token from random bytes (at least 32; each picks one base62 character, unbiased enough at 256/62). */
export function formatToken(random: Uint8Array): string {
  if (random.length < BODY_LENGTH) throw new Error(`a token needs ${BODY_LENGTH} random bytes`);
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i++) body += BASE62[random[i] % 62];
  return TOKEN_PREFIX + body + base62(crc32(body), CHECK_LENGTH);
}

/** Whether `text` has a token's shape and its checksum holds (says nothing of whether it exists). */
export function isWellFormedToken(text: string): boolean {
  if (!TOKEN_PATTERN.test(text)) return false;
  const body = text.slice(TOKEN_PREFIX.length, TOKEN_PREFIX.length + BODY_LENGTH);
  return text.slice(-CHECK_LENGTH) === base62(crc32(body), CHECK_LENGTH);
}

export const TOKEN_EXPIRY_DAYS = [7, 30, 90, 365] as const;

/** When a token made at `now` with this choice expires (null: never). */
export function tokenExpiry(now: Date, days: number | null): Date | null {
  return days === null ? null : new Date(now.getTime() + days * 86_400_000);
}

export type TokenState = { revokedAt: Date | null; expiresAt: Date | null };

/** Why a token cannot be used now, in words for its owner; null when it can. */
export function tokenUnusable(token: TokenState, now: Date): string | null {
  if (token.revokedAt) return 'This token was revoked.';
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return 'This token has expired.';
  return null;
}
