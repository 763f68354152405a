import crypto from 'node:crypto';
import { DomainError } from '@/lib/domain/errors';

// Secrets kept in the database (provider API tokens) are sealed with AES-256-GCM under a key
// from LIFEBOAT_SECRET_KEY, so a copy of the database alone (a backup, a stolen file) does not
// give them away. GCM also authenticates: a changed or swapped value fails instead of decrypting
// to garbage. Stored form: v1:<iv>:<tag>:<ciphertext>, each part base64url; the version leaves
// room for another algorithm or key later.
//
// The key, in the order it is tried:
//   64 hex characters, or base64/base64url of exactly 32 bytes: used as is (`npm start` writes
//   one of these to $DATA_DIR/.secret-key when the variable is unset);
//   anything else of at least 16 characters: a passphrase, stretched with scrypt (N=2^14, r=8,
//   p=1) and the fixed salt below into 32 bytes. The salt is fixed so that the same passphrase
//   gives the same key on every server and after a restart.
// Losing the key loses the tokens (they must be entered again); it is never logged or shown.

const VERSION = 'v1';
const SALT = 'lifeboat/secret-key/v1';
const MIN_PASSPHRASE = 16;

/** The key is missing or unusable: what the operator must set, never the key itself. */
export class SecretKeyError extends DomainError {
  constructor(message: string) {
    super(message, undefined, 'secret_key');
    this.name = 'SecretKeyError';
  }
}

let cached: { source: string; key: Buffer } | null = null;

/** 32 bytes written as 64 hex characters or base64/base64url; null for anything else. */
export function parseRawKey(source: string): Buffer | null {
  const value = source.trim();
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length === 32) return bytes;
  }
  return null;
}

export function parseKey(source: string): Buffer {
  const raw = parseRawKey(source);
  if (raw) return raw;
  const value = source.trim();
  if (value.length < MIN_PASSPHRASE) {
    throw new SecretKeyError(
      `LIFEBOAT_SECRET_KEY is too short: use 32 random bytes as base64 or hex (openssl rand -base64 32), or a passphrase of at least ${MIN_PASSPHRASE} characters.`,
    );
  }
  return crypto.scryptSync(value, SALT, 32, { N: 2 ** 14, r: 8, p: 1 });
}

function key(): Buffer {
  const source = process.env.LIFEBOAT_SECRET_KEY;
  if (!source?.trim()) {
    throw new SecretKeyError(
      'LIFEBOAT_SECRET_KEY is not set, so provider tokens cannot be encrypted or read. `npm start` creates one in the data directory; otherwise set it (openssl rand -base64 32).',
    );
  }
  // scrypt takes tens of milliseconds: derive once per key, not once per token.
  if (cached?.source !== source) cached = { source, key: parseKey(source) };
  return cached.key;
}

const b64 = (buf: Buffer) => buf.toString('base64url');

export function encryptSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, b64(iv), b64(cipher.getAuthTag()), b64(body)].join(':');
}

export function decryptSecret(stored: string): string {
  const [version, iv, tag, body, ...rest] = stored.split(':');
  if (version !== VERSION || body === undefined || rest.length > 0)
    throw new Error('A stored secret is not in a format this version of Lifeboat can read.');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretKeyError(
      'A stored secret could not be decrypted: LIFEBOAT_SECRET_KEY is not the key it was encrypted with, or the value was changed.',
    );
  }
}
