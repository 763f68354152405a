import 'server-only';
import { requireCaller } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { GiB } from '@/lib/domain/usage';
import { countImages } from '@/lib/services/images';
import { traitsOf } from '@/lib/providers';

/**
 * Provider accounts with their limits, for admins only (null for anyone else). The API token
 * stays here: the page learns only whether one is set.
 */
export async function readAccounts() {
  const caller = await requireCaller();
  if (!caller.isAdmin) return null;
  const accounts = await db().providerAccount.findMany({ orderBy: { name: 'asc' } });
  const teams = await db().team.findMany({ where: { holdsAccountId: null }, orderBy: { name: 'asc' }, select: { id: true, name: true } });
  return Promise.all(
    accounts.map(async (a) => ({
      ...(traitsOf(a.kind).remote ? await remoteFacts(a.id) : { remote: null }),
      id: a.id,
      name: a.name,
      kind: a.kind,
      apiBaseUrl: a.apiBaseUrl,
      hasToken: a.apiTokenEncrypted !== null,
      imageCeilingGiB: Number(a.imageCeilingBytes) / GiB,
      imageLimit: a.imageLimit,
      imagePricePerGbMonth: a.imagePricePerGbMonth,
      images: await countImages(db(), a.id),
      teams,
    })),
  );
}

/** For a remote account: when it was last read, why the last read failed, its tags and what no team has yet. */
async function remoteFacts(accountId: string) {
  const [account, holding, tagged, sync, rules] = await Promise.all([
    db().providerAccount.findUniqueOrThrow({ where: { id: accountId }, select: { syncedAt: true, syncError: true } }),
    db().team.findUnique({
      where: { holdsAccountId: accountId },
      include: { instances: { orderBy: { label: 'asc' }, select: { id: true, label: true, tags: { select: { tag: true }, orderBy: { tag: 'asc' } } } } },
    }),
    db().instanceTag.findMany({ where: { instance: { accountId } }, distinct: ['tag'], select: { tag: true }, orderBy: { tag: 'asc' } }),
    db().job.findFirst({ where: { kind: 'account.sync', lockKey: `sync:${accountId}` }, select: { id: true } }),
    db().tagRule.findMany({ where: { accountId }, orderBy: { tag: 'asc' }, include: { team: { select: { name: true } } } }),
  ]);
  return {
    remote: {
      syncedAt: account.syncedAt?.toISOString() ?? null,
      syncError: account.syncError,
      runningSyncId: sync?.id ?? null,
      tags: tagged.map((t) => t.tag),
      rules: rules.map((r) => ({ id: r.id, tag: r.tag, team: r.team.name })),
      unassigned: (holding?.instances ?? []).map((i) => ({ id: i.id, label: i.label, tags: i.tags.map((t) => t.tag) })),
    },
  };
}
