import { testSession } from './session';

// What the integration tests of actions and reads stand in for of Next and next-auth: which user
// the request's cookie names (tests/session.ts), the request's headers (the client address the
// audit log records), and the cache that pages are revalidated in. Each test file mocks with them:
//
//   vi.mock('next-auth', async (original) => (await import('@/tests/next-request')).nextAuth(await original()));
//   vi.mock('next/headers', async () => (await import('@/tests/next-request')).nextHeaders('192.0.2.8'));
//   vi.mock('next/cache', async () => (await import('@/tests/next-request')).nextCache);

export function nextAuth<T extends object>(original: T) {
  return { ...original, getServerSession: async () => testSession() };
}

export function nextHeaders(clientIp: string) {
  return { headers: async () => new Headers({ 'x-lifeboat-client': clientIp }), cookies: async () => new Map() };
}

export const nextCache = { revalidatePath: () => {}, revalidateTag: () => {} };
