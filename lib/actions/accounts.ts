'use server';

import { revalidatePath } from 'next/cache';
import { authorize } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { GiB } from '@/lib/domain/usage';
import { accountLimitsInput } from '@/lib/schemas/accounts';
import { NotFoundError } from '@/lib/services/errors';
import { action } from './safe-action';

/** Admins set an account's image ceiling, image count and price; existing images are kept. */
export const updateAccountLimitsAction = action('account.limits', accountLimitsInput, async (input, ctx) => {
  authorize(ctx.caller, 'admin');
  const { accountId, imageCeilingGiB, imageLimit, imagePricePerGbMonth } = input;
  const account = await db().providerAccount.findUnique({ where: { id: accountId } });
  if (!account) throw new NotFoundError('The account');
  ctx.target({ type: 'account', id: account.id, label: account.name });
  ctx.detail(`Ceiling ${imageCeilingGiB} GiB, ${imageLimit} images, $${imagePricePerGbMonth}/GB-month.`);
  await db().providerAccount.update({
    where: { id: accountId },
    data: { imageCeilingBytes: BigInt(Math.round(imageCeilingGiB * GiB)), imageLimit, imagePricePerGbMonth },
  });
  revalidatePath('/', 'layout');
  return { ok: true, message: 'Limits saved.' };
});
