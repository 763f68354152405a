import 'server-only';
import { requireCaller } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { GiB } from '@/lib/domain/usage';
import { countImages } from '@/lib/services/images';

/**
 * Provider accounts with their limits, for admins only (null for anyone else). The API token
 * stays here: the page learns only whether one is set.
 */
export async function readAccounts() {
  const caller = await requireCaller();
  if (!caller.isAdmin) return null;
  const accounts = await db().providerAccount.findMany({ orderBy: { name: 'asc' } });
  return Promise.all(
    accounts.map(async (a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      apiBaseUrl: a.apiBaseUrl,
      hasToken: a.apiTokenEncrypted !== null,
      imageCeilingGiB: Number(a.imageCeilingBytes) / GiB,
      imageLimit: a.imageLimit,
      imagePricePerGbMonth: a.imagePricePerGbMonth,
      images: await countImages(db(), a.id),
    })),
  );
}
