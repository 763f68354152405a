import bcrypt from 'bcryptjs';

// bcrypt at cost 12: about a quarter second per check here, slow enough to blunt guessing.
const COST = 12;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}
