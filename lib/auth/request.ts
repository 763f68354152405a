import 'server-only';
import { headers } from 'next/headers';
import { currentApiCall } from './api-call';

type HeaderBag = { get(name: string): string | null | undefined } | Record<string, string | string[] | undefined>;

function header(bag: HeaderBag, name: string): string | undefined {
  if (typeof (bag as { get?: unknown }).get === 'function')
    return (bag as { get(n: string): string | null | undefined }).get(name) ?? undefined;
  const v = (bag as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

/**
 * The caller's address, as the server (scripts/serve.mjs) wrote it from the socket: a client
 * cannot forge it, unlike X-Forwarded-For. Empty under `next dev`, which has no such server.
 */
export function addressFrom(bag: HeaderBag): string {
  return header(bag, 'x-lifeboat-client')?.trim() ?? '';
}

/** The current request's address, for the audit log and the sign-in throttle. */
export async function clientAddress(): Promise<string> {
  return currentApiCall()?.ip ?? addressFrom(await headers());
}
