'use server';

import { revalidatePath } from 'next/cache';
import { authorize } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { createApiTokenInput, revokeApiTokenInput } from '@/lib/schemas/api-tokens';
import { createApiToken, revokeApiToken } from '@/lib/services/api-tokens';
import { action } from './safe-action';

// Personal access tokens, made and revoked in Settings (an administrator also revokes anyone's
// from the admin console). The secret goes back to the form once, in `data`; never to the audit
// detail, a log or the database.

export const createApiTokenAction = action('token.create', createApiTokenInput, async (input, ctx) => {
  authorize(ctx.caller, 'self');
  ctx.target({ type: 'token', label: input.name });
  const { secret, token } = await createApiToken(db(), ctx.caller, input);
  ctx.target({ id: token.id });
  ctx.detail(
    `${token.scope === 'write' ? 'Read and write' : 'Read only'}; ${input.teamIds.length ? `${input.teamIds.length} team(s)` : 'every team'}; ${token.expiresAt ? `expires ${token.expiresAt.toISOString().slice(0, 10)}` : 'never expires'}; ${token.prefix}….`,
  );
  revalidatePath('/settings');
  return { ok: true, message: `Token ${token.name} created.`, data: { name: token.name, secret } };
});

export const revokeApiTokenAction = action('token.revoke', revokeApiTokenInput, async (input, ctx) => {
  authorize(ctx.caller, 'self');
  const token = await revokeApiToken(db(), ctx.caller, input.tokenId);
  ctx.target({ type: 'token', id: token.id, label: token.name });
  if (token.userId !== ctx.caller.id) ctx.detail(`Token of ${token.user.email}.`);
  revalidatePath('/settings');
  revalidatePath('/admin/tokens');
  return { ok: true, message: `Token ${token.name} revoked.` };
});
