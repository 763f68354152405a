import { isInTransaction } from '@/lib/db/unit-of-work';

// Watches the calls that leave the process (a provider's API, an object store) for ones made while
// an action's transaction is open: on SQLite that transaction holds the database for the whole
// process, so none may be. A test file mocks the modules with them:
//
//   vi.mock('@/lib/providers/registry', async (original) =>
//     (await import('@/tests/outside-transaction')).watchedProviders(await original()));
//   vi.mock('@/lib/storage', async (original) =>
//     (await import('@/tests/outside-transaction')).watchedStorage(await original()));
//
// and then looks at `outsideCalls`: every call seen, with whether a transaction was open.

export const outsideCalls: { name: string; inTransaction: boolean }[] = [];

/** The names of the calls made while a transaction was open (a test expects none). */
export const callsInTransaction = () => outsideCalls.filter((c) => c.inTransaction).map((c) => c.name);

function watch<F extends (...args: never[]) => unknown>(name: string, fn: F): F {
  return ((...args: Parameters<F>) => {
    outsideCalls.push({ name, inTransaction: isInTransaction() });
    return fn(...args);
  }) as F;
}

function watchAll<T extends object>(prefix: string, target: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(target))
    out[key] = typeof value === 'function' ? watch(`${prefix}.${key}`, value.bind(target)) : value;
  return out as T;
}

/** lib/providers/registry.ts with every method of every provider it connects watched. */
export function watchedProviders<T extends { providerFor: (...args: never[]) => object }>(registry: T): T {
  return {
    ...registry,
    providerFor: (...args: Parameters<T['providerFor']>) => watchAll('provider', registry.providerFor(...args)),
  };
}

/** lib/storage with the reads and writes of a store's manifests watched. */
export function watchedStorage<T extends Record<string, unknown>>(storage: T): T {
  const out: Record<string, unknown> = { ...storage };
  for (const name of ['listManifestIds', 'readManifest', 'deleteManifest', 'manifestExists', 'captureDisk']) {
    const fn = storage[name];
    if (typeof fn === 'function') out[name] = watch(`store.${name}`, fn as (...args: never[]) => unknown);
  }
  return out as T;
}
