import { localProvider } from './local';
import type { Provider } from './types';

/** The provider behind an account; the Linode provider joins here in its own issue. */
export function providerFor(account: { kind: string }): Provider {
  if (account.kind === 'local') return localProvider;
  throw new Error(`Provider "${account.kind}" is not available`);
}
