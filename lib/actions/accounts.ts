'use server';

import { revalidatePath } from 'next/cache';
import { ForbiddenError } from '@/lib/auth/permissions';
import { requireCaller } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { GiB } from '@/lib/domain/usage';
import { accountLimitsInput } from '@/lib/schemas/accounts';
import { invalid, refused, type ActionState } from './state';

/** Admins set an account's image ceiling, image count and price; existing images are kept. */
export async function updateAccountLimitsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  try {
    if (!caller.isAdmin) throw new ForbiddenError('Only administrators can change account limits.');
    const parsed = accountLimitsInput.safeParse(Object.fromEntries(form));
    if (!parsed.success) return invalid(parsed.error);
    const { accountId, imageCeilingGiB, imageLimit, imagePricePerGbMonth } = parsed.data;
    await db().providerAccount.update({
      where: { id: accountId },
      data: { imageCeilingBytes: BigInt(Math.round(imageCeilingGiB * GiB)), imageLimit, imagePricePerGbMonth },
    });
    revalidatePath('/', 'layout');
    return { ok: true, message: 'Limits saved.' };
  } catch (error) {
    return refused(error);
  }
}
