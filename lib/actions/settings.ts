'use server';

import { authorize } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { changePasswordInput } from '@/lib/schemas/settings';
import { changePassword } from '@/lib/services/password';
import { action } from './safe-action';

/**
 * The caller changes their own password. No revalidation here: the change ends the caller's
 * session too, so a re-render now would bounce them to sign-in before the form signs them in
 * again with the new password.
 */
export const changePasswordAction = action('user.password-change', changePasswordInput, async (input, ctx) => {
  authorize(ctx.caller, 'self');
  ctx.target({ type: 'user', id: ctx.caller.id, label: ctx.caller.email });
  await changePassword(db(), ctx.caller.id, input.current, input.next);
  return { ok: true, message: 'Password changed.' };
});
