import type { Credentials, ProviderDescriptor } from './descriptor';
import type { Provider } from './types';

// What a provider's module.ts gives the registry: its descriptor and the server side, which may
// import API clients and storage (never imported by client components).

/** An account row as a provider needs it to connect. */
export type ProviderAccountRef = { kind: string; apiTokenEncrypted?: string | null; apiBaseUrl?: string | null };

/** How long a caller waits on a struggling API: a page read wants no retry and a short wait. */
export type ConnectOptions = { maxRetries?: number; timeoutMs?: number };

export type ProviderModule = {
  descriptor: ProviderDescriptor;
  /** The provider for one account, calling its API with the account's own credentials. */
  connect(account: ProviderAccountRef, options: ConnectOptions): Provider;
  /** Checks credentials with the provider before they are saved; a refusal is a ProviderRefusal naming its field. */
  checkCredentials(credentials: Credentials, fetchImpl?: typeof fetch): Promise<void>;
  /** The provider's own errors as the neutral ones of errors.ts; anything else is returned as it is. */
  translateError(error: unknown): unknown;
};
