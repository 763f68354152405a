import { decryptSecret } from '@/lib/crypto/secrets';
import type { Db } from '@/lib/db/client';
import { NotFoundError } from '@/lib/domain/errors';

/** The plain token an account holds, decrypted as the providers decrypt it; null when none is set. */
export async function accountToken(db: Db, accountId: string): Promise<string | null> {
  const account = await db.providerAccount.findUnique({
    where: { id: accountId },
    select: { apiTokenEncrypted: true },
  });
  if (!account) throw new NotFoundError('The account');
  return account.apiTokenEncrypted ? decryptSecret(account.apiTokenEncrypted) : null;
}
