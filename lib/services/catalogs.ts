import { catalog, type Plan } from '@/lib/config/catalog';
import { providerFor, traitsOf, type ProviderAccountRef } from '@/lib/providers';

// What can be deployed where, per account: the host's configured plans and regions, or for a
// provider with a catalogue of its own, the account's types (with their backup prices) and regions.
// A remote catalogue is read at most every ten minutes per account: it changes rarely and every
// call counts against the API's rate limit.

/** A plan as the host configures it, but a remote catalogue's plan may have no backup price. */
type CatalogPlan = Omit<Plan, 'backupPricePerMonth'> & { backupPricePerMonth: number | null };
export type AccountCatalog = { plans: CatalogPlan[]; regions: { id: string; label: string }[] };

const TTL_MS = 10 * 60_000;
const cache = new Map<string, { at: number; catalog: AccountCatalog }>();

function localCatalog(): AccountCatalog {
  const { plans, regions } = catalog();
  return { plans, regions: regions.map((r) => ({ id: r.id, label: r.label })) };
}

export async function catalogFor(
  account: ProviderAccountRef & { id: string },
  options: { maxRetries?: number; timeoutMs?: number } = {},
): Promise<AccountCatalog> {
  const traits = traitsOf(account.kind);
  const inventory = traits.ownCatalogue ? providerFor(account, options).inventory : undefined;
  if (!inventory) return localCatalog();
  const hit = cache.get(account.id);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.catalog;
  const [plans, regions] = [await inventory.listPlans(), await inventory.listRegions()];
  // The provider makes its swap disk beside the main one.
  const fresh = { plans: plans.map((p) => ({ ...p, swapBytes: traits.swapBytes })), regions };
  cache.set(account.id, { at: Date.now(), catalog: fresh });
  return fresh;
}

const failedAt = new Map<string, number>();
const RETRY_AFTER_FAILURE_MS = 60_000;

/**
 * The catalogue for labels and prices on a page. An unreachable or refusing API must neither
 * break the page nor slow it: one try, no retries, and after a failure none for a minute (the
 * page shows plan and region ids meanwhile).
 */
export async function catalogOrEmpty(account: ProviderAccountRef & { id: string }): Promise<AccountCatalog> {
  const failed = failedAt.get(account.id);
  if (failed !== undefined && Date.now() - failed < RETRY_AFTER_FAILURE_MS && !cache.has(account.id))
    return { plans: [], regions: [] };
  try {
    const catalog = await catalogFor(account, { maxRetries: 0, timeoutMs: 5_000 });
    failedAt.delete(account.id);
    return catalog;
  } catch {
    failedAt.set(account.id, Date.now());
    return cache.get(account.id)?.catalog ?? { plans: [], regions: [] };
  }
}

export function planOf(c: AccountCatalog, id: string) {
  return c.plans.find((p) => p.id === id);
}

export function regionOf(c: AccountCatalog, id: string) {
  return c.regions.find((r) => r.id === id);
}
