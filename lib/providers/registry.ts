import type { Credentials } from './descriptor';
import { descriptorOf, type ProviderKind } from './kinds';
import { linodeModule } from './linode/module';
import { localModule } from './local/module';
import type { ConnectOptions, ProviderAccountRef, ProviderModule } from './module';
import type { Provider } from './types';

// The server side of every provider, by kind. Typed over the kinds of kinds.ts: a descriptor
// registered there without its module here does not compile.
const MODULES: { readonly [K in ProviderKind]: ProviderModule } = {
  local: localModule,
  linode: linodeModule,
};

function moduleOf(kind: string): ProviderModule {
  return MODULES[descriptorOf(kind).kind as ProviderKind];
}

/**
 * The provider behind an account, connected with the account's own credentials. Whatever it
 * throws reaches the caller as one of the neutral errors of errors.ts (or as it was, when it is
 * not the provider's). `maxRetries` and `timeoutMs` bound how long a caller waits on a struggling
 * API (a page read wants no retry and a short wait).
 */
export function providerFor(account: ProviderAccountRef, options: ConnectOptions = {}): Provider {
  const impl = moduleOf(account.kind);
  const provider = impl.connect(account, options);
  const inventory = provider.inventory && translating(provider.inventory, impl.translateError);
  return { ...translating(provider, impl.translateError), ...(inventory ? { inventory } : {}) };
}

/** Checks an account's credentials with its provider before they are saved (a read call, say). */
export async function checkCredentials(kind: string, credentials: Credentials, fetchImpl?: typeof fetch) {
  const impl = moduleOf(kind);
  try {
    await impl.checkCredentials(credentials, fetchImpl);
  } catch (error) {
    throw impl.translateError(error);
  }
}

/** The same object, each of its methods' failures translated. */
function translating<T extends object>(target: T, translate: (error: unknown) => unknown): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(target)) {
    out[key] =
      typeof value === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await value.apply(target, args);
            } catch (error) {
              throw translate(error);
            }
          }
        : value;
  }
  return out as T;
}
