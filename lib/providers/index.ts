import { decryptSecret } from '@/lib/crypto/secrets';
import { createLinodeClient } from './linode/client';
import { LINODE_TRAITS, linodeProvider } from './linode/provider';
import { DEFAULT_LINODE_API } from './linode/verify';
import { localProvider } from './local';
import type { Provider, ProviderTraits } from './types';

export type ProviderAccountRef = { kind: string; apiTokenEncrypted?: string | null; apiBaseUrl?: string | null };

/**
 * The provider behind an account; a Linode one calls the API with the account's own token.
 * `maxRetries` and `timeoutMs` bound how long a caller waits on a struggling API (a page read
 * wants no retry and a short wait).
 */
export function providerFor(
  account: ProviderAccountRef,
  options: { maxRetries?: number; timeoutMs?: number } = {},
): Provider {
  if (account.kind === 'local') return localProvider;
  if (account.kind === 'linode') {
    if (!account.apiTokenEncrypted)
      throw new Error('This Linode account has no API token. An admin can set one under Admin → Accounts.');
    const client = createLinodeClient({
      token: decryptSecret(account.apiTokenEncrypted),
      baseUrl: account.apiBaseUrl || DEFAULT_LINODE_API,
      maxRetries: options.maxRetries,
      timeoutMs: options.timeoutMs,
    });
    return linodeProvider(client);
  }
  throw new Error(`Provider "${account.kind}" is not available`);
}

/** What a kind of provider can do, known without a token (pages and rules ask this). */
export function traitsOf(kind: string): ProviderTraits {
  return kind === 'linode' ? LINODE_TRAITS : localProvider.traits;
}

export const PROVIDER_KINDS = ['local', 'linode'] as const;

/** The kinds of provider whose traits pass the test, for database filters. */
export function kindsWhere(test: (traits: ProviderTraits) => boolean): string[] {
  return PROVIDER_KINDS.filter((k) => test(traitsOf(k)));
}
