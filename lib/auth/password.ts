import bcrypt from 'bcryptjs';
import { isTooLongForBcrypt, MAX_BYTES } from '@/lib/domain/password-policy';

// bcrypt at cost 12: about a quarter second per check here, slow enough to blunt guessing.
const COST = 12;

// bcrypt would silently use only the first 72 bytes (lib/domain/password-policy.ts): no
// password longer than that is hashed, and none matches, so its ending always counts.

export async function hashPassword(plain: string): Promise<string> {
  if (isTooLongForBcrypt(plain))
    throw new Error(`A password over ${MAX_BYTES} bytes cannot be stored: bcrypt would ignore the rest.`);
  return bcrypt.hash(plain, COST);
}

export async function verifyPassword(plain: string, hash: string): Promise<boolean> {
  // Still one full check for a password that cannot match, so its answer takes as long.
  const same = await bcrypt.compare(plain, hash);
  return same && !isTooLongForBcrypt(plain);
}
