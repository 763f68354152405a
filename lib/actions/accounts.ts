'use server';

import { revalidatePath } from 'next/cache';
import { authorize } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { GiB } from '@/lib/domain/usage';
import { accountLimitsInput, accountTokenInput, createAccountInput, syncAccountInput } from '@/lib/schemas/accounts';
import { createAccount, setAccountToken } from '@/lib/services/accounts';
import { queueSync } from '@/lib/operations/account-sync';
import { descriptorOf, traitsOf } from '@/lib/providers';
import { DomainError, NotFoundError } from '@/lib/domain/errors';
import { action } from './safe-action';

/** Admins set an account's image ceiling, image count and price; existing images are kept. */
export const updateAccountLimitsAction = action('account.limits', accountLimitsInput, async (input, ctx) => {
  authorize(ctx.caller, 'admin');
  const { accountId } = input;
  const account = await db().providerAccount.findUnique({ where: { id: accountId } });
  if (!account) throw new NotFoundError('The account');
  ctx.target({ type: 'account', id: account.id, label: account.name });
  // A limit left out of the request keeps its value.
  const imageCeilingBytes =
    input.imageCeilingGiB === undefined ? account.imageCeilingBytes : BigInt(Math.round(input.imageCeilingGiB * GiB));
  const imageLimit = input.imageLimit ?? account.imageLimit;
  const imagePricePerGbMonth = input.imagePricePerGbMonth ?? account.imagePricePerGbMonth;
  ctx.detail(
    `Ceiling ${Number(imageCeilingBytes) / GiB} GiB, ${imageLimit} images, $${imagePricePerGbMonth}/GB-month.`,
  );
  await db().providerAccount.update({
    where: { id: accountId },
    data: { imageCeilingBytes, imageLimit, imagePricePerGbMonth },
  });
  revalidatePath('/', 'layout');
  return { ok: true, message: 'Limits saved.' };
});

/** Admins add a provider account, optionally with its API token (stored encrypted). */
export const createAccountAction = action('account.create', createAccountInput, async (input, ctx) => {
  authorize(ctx.caller, 'admin');
  ctx.target({ type: 'account', label: input.name });
  // The audit entry says whether a token came with it, never the token.
  ctx.detail(
    `Kind ${input.kind}, ${input.apiToken ? 'token set' : 'no token'}${input.apiBaseUrl ? `, API ${input.apiBaseUrl}` : ''}.`,
  );
  const account = await createAccount(db(), input);
  ctx.target({ id: account.id });
  // A remote account's instances are read in at once; they land unassigned, for admins only.
  const sync = traitsOf(input.kind).remote ? await queueSync(db(), account.id, ctx.caller.id) : null;
  revalidatePath('/', 'layout');
  return { ok: true, message: `Account ${account.name} added.${sync ? ' Its instances are being read in.' : ''}` };
});

/** Admins set or clear an account's API token; it is never shown again once saved. */
export const setAccountTokenAction = action('account.token', accountTokenInput, async (input, ctx) => {
  authorize(ctx.caller, 'admin');
  const token = input.intent === 'set' ? (input.apiToken ?? null) : null;
  const account = await setAccountToken(db(), input.accountId, token);
  ctx.target({ type: 'account', id: account.id, label: account.name });
  ctx.detail(token ? 'token set' : 'token cleared');
  revalidatePath('/admin/accounts');
  return { ok: true, message: token ? 'Token saved.' : 'Token cleared.' };
});

/** Admins read a remote account again now (the scheduler also does every five minutes). */
export const syncAccountAction = action('account.sync', syncAccountInput, async (input, ctx) => {
  authorize(ctx.caller, 'admin');
  const account = await db().providerAccount.findUnique({ where: { id: input.accountId } });
  if (!account) throw new NotFoundError('The account');
  ctx.target({ type: 'account', id: account.id, label: account.name });
  const provider = descriptorOf(account.kind);
  if (!provider.traits.remote)
    throw new DomainError(`${provider.label} accounts have nothing to sync: Lifeboat made every instance in them.`);
  if (!account.apiTokenEncrypted) throw new DomainError('Set an API token for this account first.');
  const job = await queueSync(db(), account.id, ctx.caller.id);
  revalidatePath('/admin/accounts');
  return {
    ok: true,
    message: job ? 'Sync started.' : 'A sync of this account is already running.',
    data: job ? { jobId: job.id } : undefined,
  };
});
