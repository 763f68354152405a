'use server';

import { revalidatePath } from 'next/cache';
import { authorize } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { createUserInput, setAdminInput, userInput } from '@/lib/schemas/admin';
import { NotFoundError } from '@/lib/domain/errors';
import { createUser, resetPassword, setAdmin, setDisabled } from '@/lib/services/users';
import { action, type ActionContext } from './safe-action';

// The admin console's user actions. A one-time password goes back to the admin's form in
// `data`, once; it never reaches the audit detail or a log.

// Not exported: a 'use server' file's exports are endpoints.
async function userFor(ctx: ActionContext, userId: string) {
  authorize(ctx.caller, 'admin');
  const user = await db().user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
  if (!user) throw new NotFoundError('The user');
  ctx.target({ type: 'user', id: user.id, label: user.email });
  return user;
}

/** Creates a user with a one-time password (returned once) and, optionally, a first team. */
export const createUserAction = action('user.create', createUserInput, async (input, ctx) => {
  authorize(ctx.caller, 'admin');
  ctx.target({ type: 'user', label: input.email });
  const { user, password } = await createUser(db(), input);
  ctx.target({ id: user.id });
  const team = input.teamId
    ? await db().team.findUnique({ where: { id: input.teamId }, select: { name: true } })
    : null;
  ctx.detail(`${input.isAdmin ? 'Admin' : 'Not admin'}${team ? `; ${input.role} of ${team.name}` : ''}.`);
  revalidatePath('/admin', 'layout');
  return { ok: true, message: `User ${user.email} created.`, data: { email: user.email, password } };
});

/** Disables a user; their sessions end at once. */
export const disableUserAction = action('user.disable', userInput, async (input, ctx) => {
  const user = await userFor(ctx, input.userId);
  await setDisabled(db(), ctx.caller.id, user.id, true);
  revalidatePath('/admin', 'layout');
  return { ok: true, message: `${user.email} is disabled and signed out.` };
});

export const enableUserAction = action('user.enable', userInput, async (input, ctx) => {
  const user = await userFor(ctx, input.userId);
  await setDisabled(db(), ctx.caller.id, user.id, false);
  revalidatePath('/admin', 'layout');
  return { ok: true, message: `${user.email} can sign in again.` };
});

/** Grants or revokes the admin role (isAdmin "true" or "false"). */
export const setAdminAction = action('user.role', setAdminInput, async (input, ctx) => {
  const user = await userFor(ctx, input.userId);
  ctx.detail(input.isAdmin ? 'Made admin.' : 'Admin removed.');
  await setAdmin(db(), ctx.caller.id, user.id, input.isAdmin);
  revalidatePath('/admin', 'layout');
  return {
    ok: true,
    message: input.isAdmin ? `${user.email} is now an admin.` : `${user.email} is no longer an admin.`,
  };
});

/** Issues a new one-time password (returned once) and signs the user out everywhere. */
export const resetPasswordAction = action('user.password-reset', userInput, async (input, ctx) => {
  const user = await userFor(ctx, input.userId);
  const { password } = await resetPassword(db(), ctx.caller.id, user.id);
  revalidatePath('/admin', 'layout');
  return { ok: true, message: `Password of ${user.email} reset.`, data: { email: user.email, password } };
});
