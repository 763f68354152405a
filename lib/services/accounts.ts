import type { Db } from '@/lib/db/client';
import { encryptSecret } from '@/lib/crypto/secrets';
import { isUniqueViolation } from '@/lib/db/errors';
import { checkCredentials } from '@/lib/providers';
import { DomainError, NotFoundError } from '@/lib/domain/errors';

// Provider accounts and their API tokens. A token is encrypted before it is written and only
// the provider that calls the API decrypts it (lib/providers/index.ts). Server code only: pages get
// `hasToken` from lib/data/accounts.ts and never the value. (No `import 'server-only'` here:
// the job worker, a plain Node process, must be able to load the providers that call this.)

export type NewAccount = { name: string; kind: string; apiToken?: string; apiBaseUrl?: string };

const nameTaken = () => new DomainError('An account with this name already exists.', 'name', 'name_taken');

/** Adds an account; the name must be free, and its credentials must pass its provider's check first. */
export async function createAccount(db: Db, input: NewAccount, fetchImpl?: typeof fetch) {
  if (await db.providerAccount.findUnique({ where: { name: input.name }, select: { id: true } })) throw nameTaken();
  await checkCredentials(input.kind, { apiToken: input.apiToken, apiBaseUrl: input.apiBaseUrl }, fetchImpl);
  try {
    return await db.providerAccount.create({
      data: {
        name: input.name,
        kind: input.kind,
        apiBaseUrl: input.apiBaseUrl ?? null,
        apiTokenEncrypted: input.apiToken ? encryptSecret(input.apiToken) : null,
      },
      select: { id: true, name: true },
    });
  } catch (error) {
    // Another admin took the name between the check and the insert.
    if (isUniqueViolation(error, 'name')) throw nameTaken();
    throw error;
  }
}

/** Sets the account's token (checked by its provider first), or clears it with null. */
export async function setAccountToken(db: Db, accountId: string, token: string | null, fetchImpl?: typeof fetch) {
  const account = await db.providerAccount.findUnique({
    where: { id: accountId },
    select: { id: true, name: true, kind: true, apiBaseUrl: true },
  });
  if (!account) throw new NotFoundError('The account');
  if (token)
    await checkCredentials(account.kind, { apiToken: token, apiBaseUrl: account.apiBaseUrl ?? undefined }, fetchImpl);
  await db.providerAccount.update({
    where: { id: accountId },
    data: { apiTokenEncrypted: token ? encryptSecret(token) : null },
  });
  return account;
}
