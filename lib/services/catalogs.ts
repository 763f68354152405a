import { catalog } from '@/lib/config/catalog';
import { providerFor, type ProviderAccountRef } from '@/lib/providers';

// What can be deployed where, per account: the host's configured plans and regions for the local
// provider, the account's own types (with their backup prices) and regions for a remote one.
// A remote catalogue is read at most every ten minutes per account: it changes rarely and every
// call counts against the API's rate limit.

export type CatalogPlan = { id: string; label: string; diskBytes: number; swapBytes: number; memoryMb: number; pricePerMonth: number; backupPricePerMonth: number | null };
export type AccountCatalog = { plans: CatalogPlan[]; regions: { id: string; label: string }[] };

const TTL_MS = 10 * 60_000;
const cache = new Map<string, { at: number; catalog: AccountCatalog }>();

function localCatalog(): AccountCatalog {
  const { plans, regions } = catalog();
  return { plans, regions: regions.map((r) => ({ id: r.id, label: r.label })) };
}

export async function catalogFor(account: ProviderAccountRef & { id: string }): Promise<AccountCatalog> {
  const inventory = account.kind === 'local' ? undefined : providerFor(account).inventory;
  if (!inventory) return localCatalog();
  const hit = cache.get(account.id);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.catalog;
  const [plans, regions] = [await inventory.listPlans(), await inventory.listRegions()];
  // Linode makes a 512 MB swap disk beside the main one unless told otherwise.
  const fresh = { plans: plans.map((p) => ({ ...p, swapBytes: 512 * 1024 * 1024 })), regions };
  cache.set(account.id, { at: Date.now(), catalog: fresh });
  return fresh;
}

/** The catalogue for labels on a page: an unreachable API must not break the page, so it falls back to none. */
export async function catalogOrEmpty(account: ProviderAccountRef & { id: string }): Promise<AccountCatalog> {
  try {
    return await catalogFor(account);
  } catch {
    return { plans: [], regions: [] };
  }
}

export function planOf(c: AccountCatalog, id: string) {
  return c.plans.find((p) => p.id === id);
}

export function regionOf(c: AccountCatalog, id: string) {
  return c.regions.find((r) => r.id === id);
}
