import type { Db } from '@/lib/db/client';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { checkPassword } from '@/lib/domain/password-policy';
import { DomainError, NotFoundError } from '@/lib/domain/errors';

/**
 * A user changes their own password: the current one must be right and the new one must pass
 * the policy (and differ from the current one, which matters for a one-time password from an
 * admin). Bumping the session version ends every session issued before, the caller's own too;
 * the form signs the caller in again with the new password.
 */
export async function changePassword(db: Db, userId: string, current: string, next: string) {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user || user.disabled) throw new NotFoundError('Your account');
  if (!(await verifyPassword(current, user.passwordHash)))
    throw new DomainError('Your current password is not right.', 'current', 'wrong_password');
  const problem = checkPassword(next, { email: user.email, name: user.name });
  if (problem) throw new DomainError(problem, 'next', 'weak_password');
  if (next === current)
    throw new DomainError('Choose a password different from your current one.', 'next', 'same_password');
  await db.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(next), mustChangePassword: false, sessionVersion: { increment: 1 } },
  });
}
