import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// The scrape token of GET /metrics: made here, kept only as its SHA-256, and compared in
// constant time. It is 32 random bytes, so a hash without salt or stretching is enough: there
// is nothing to guess from it, unlike a password.

/** Every scrape token starts so, which tells it apart from other secrets in a config file or a leak. */
export const TOKEN_PREFIX = 'lbm_';

/** The shortest LIFEBOAT_METRICS_TOKEN accepted; a shorter one is ignored and the admin page says so. */
export const MIN_ENV_TOKEN_LENGTH = 32;

/** A new token: the prefix and 32 random bytes in base64url (43 characters). */
export function newScrapeToken(random: (n: number) => Buffer = randomBytes): string {
  return `${TOKEN_PREFIX}${random(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** What the page and the audit log may show of a token: its first characters. */
export function tokenHint(token: string): string {
  return `${token.slice(0, TOKEN_PREFIX.length + 4)}…`;
}

/** Does the token hash to `hash`? Both sides are hashed first, so the comparison takes the same time whatever was sent. */
export function tokenMatches(presented: string, hash: string): boolean {
  const a = Buffer.from(hashToken(presented), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, or null for none or another scheme. */
export function bearerToken(header: string | null | undefined): string | null {
  const match = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header ?? '');
  return match ? match[1] : null;
}

/** The operator's token from the environment, or null when unset or too short to be safe. */
export function envToken(env: Record<string, string | undefined>): string | null {
  const value = env.LIFEBOAT_METRICS_TOKEN?.trim() ?? '';
  return value.length >= MIN_ENV_TOKEN_LENGTH ? value : null;
}
