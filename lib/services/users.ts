import type { Db } from '@/lib/db/client';
import { generateOneTimePassword } from '@/lib/auth/one-time-password';
import { hashPassword } from '@/lib/auth/password';
import { isUniqueViolation } from '@/lib/db/errors';
import type { TeamRole } from '@/lib/auth/permissions';
import { DomainError, NotFoundError } from '@/lib/domain/errors';

// Users as the admin console changes them. Callers have already checked the caller is an
// admin; `actorId` is that admin, for the rules about one's own account. A one-time password
// is returned once, to be shown to the admin, and only its hash is kept.

export type NewUser = { email: string; name: string; isAdmin: boolean; teamId?: string; role?: TeamRole };
type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

const taken = (email: string) => new DomainError(`A user with the email ${email} already exists.`, 'email');

async function findUser(db: Db | Tx, userId: string) {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new NotFoundError('The user');
  return user;
}

/** Creates a user who must choose their own password at first sign-in; returns the one-time password. */
export async function createUser(db: Db, input: NewUser) {
  const email = input.email.trim().toLowerCase();
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) throw taken(email);
  if (input.teamId && !(await db.team.findUnique({ where: { id: input.teamId }, select: { id: true } }))) {
    throw new DomainError('That team no longer exists. Choose another.', 'teamId');
  }
  const password = generateOneTimePassword();
  try {
    const user = await db.user.create({
      data: {
        email,
        name: input.name.trim(),
        isAdmin: input.isAdmin,
        passwordHash: await hashPassword(password),
        mustChangePassword: true,
        memberships: input.teamId ? { create: { teamId: input.teamId, role: input.role ?? 'member' } } : undefined,
      },
      select: { id: true, email: true, name: true },
    });
    return { user, password };
  } catch (error) {
    // Two admins creating the same email at once: the unique index decides.
    if (isUniqueViolation(error, 'email')) throw taken(email);
    throw error;
  }
}

/**
 * Runs a change that could leave no active admin, then checks one is left. Touching every admin
 * row first serialises such changes (row locks on PostgreSQL, the write lock on SQLite), so two
 * admins removing each other at once cannot leave nobody to run the console.
 */
async function keepingAnAdmin<T>(db: Db, email: string, change: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.user.updateMany({ where: { isAdmin: true }, data: { isAdmin: true } });
    const result = await change(tx);
    const left = await tx.user.count({ where: { isAdmin: true, disabled: false } });
    if (left === 0)
      throw new DomainError(`${email} is the last active administrator. Make someone else an admin first.`);
    return result;
  });
}

/** Disables (ending every session at once) or re-enables a user; no one disables themselves. */
export async function setDisabled(db: Db, actorId: string, userId: string, disabled: boolean) {
  const user = await findUser(db, userId);
  if (disabled && user.id === actorId) throw new DomainError('You cannot disable your own account.');
  const change = (tx: Db | Tx) =>
    tx.user.update({
      where: { id: user.id },
      // A new session version signs the user out everywhere (lib/auth/session.ts checks it).
      data: { disabled, ...(disabled ? { sessionVersion: { increment: 1 } } : {}) },
      select: { id: true, email: true, disabled: true },
    });
  return disabled && user.isAdmin ? keepingAnAdmin(db, user.email, change) : change(db);
}

/** Grants or revokes admin; never one's own, never the last active admin's. */
export async function setAdmin(db: Db, actorId: string, userId: string, isAdmin: boolean) {
  const user = await findUser(db, userId);
  if (!isAdmin && user.id === actorId)
    throw new DomainError('You cannot remove your own admin role. Ask another admin.');
  const change = (tx: Db | Tx) =>
    tx.user.update({ where: { id: user.id }, data: { isAdmin }, select: { id: true, email: true, isAdmin: true } });
  return isAdmin ? change(db) : keepingAnAdmin(db, user.email, change);
}

/** Replaces a user's password with a one-time one and signs them out everywhere. */
export async function resetPassword(db: Db, actorId: string, userId: string) {
  const user = await findUser(db, userId);
  if (user.id === actorId) throw new DomainError('To change your own password, use Settings.');
  const password = generateOneTimePassword();
  const updated = await db.user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(password), mustChangePassword: true, sessionVersion: { increment: 1 } },
    select: { id: true, email: true, name: true },
  });
  return { user: updated, password };
}
