import { randomBytes } from 'node:crypto';

// Ids made before a row exists (disk files are named by them); sortable by time like cuid.
export function createId(): string {
  return `c${Date.now().toString(36)}${randomBytes(8).toString('hex')}`;
}
