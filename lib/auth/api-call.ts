import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Caller } from './permissions';

// A request to /api/v1 runs inside this context: getCaller() and clientAddress() answer from
// the token it presented instead of a browser session, so the actions and reads behind the API
// are the very ones behind the pages, with the same authorize() and the same audit entries.

/** Who a valid token stands for: its user, narrowed to the token's teams (lib/services/api-tokens.ts). */
export type TokenCaller = {
  caller: Caller & { mustChangePassword: boolean };
  tokenId: string;
  /** The secret's first characters ("lbt_Ab12cd"), for the audit entries it leaves. */
  tokenPrefix: string;
  scope: 'read' | 'write';
};

export type ApiCall = TokenCaller & { ip: string };

const calls = new AsyncLocalStorage<ApiCall>();

export function runAsApiCall<T>(call: ApiCall, fn: () => Promise<T>): Promise<T> {
  return calls.run(call, fn);
}

/** The token request being served, if this is one. */
export function currentApiCall(): ApiCall | undefined {
  return calls.getStore();
}

/** Why a token may not take this action, or null. */
export function tokenRefusal(action: string): string | null {
  const call = currentApiCall();
  if (!call) return null;
  if (call.scope === 'read') return 'This token can only read. Create a token with read and write access in Settings.';
  // A token making tokens could outlive its own revocation and widen its own teams.
  if (action === 'token.create') return 'Tokens are managed in Settings, signed in, not with a token.';
  return null;
}
