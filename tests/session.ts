// Integration tests stand in for one thing of next-auth's: which user the request's cookie names.
// getServerSession is mocked to answer the session held here, shaped as the session callback in
// lib/auth/options.ts makes it (id, session version, sign-in time), so the real session helper,
// with its 12-hour limit and session-version check, runs against the test database:
//
//   vi.mock('next-auth', async (original) => ({ ...(await original<typeof import('next-auth')>()), getServerSession: async () => (await import('@/tests/session')).testSession() }));

type TestSession = { user: { id: string; sv: number; signedInAt: number } };

let current: TestSession | null = null;

/** The session the mocked getServerSession answers. */
export function testSession(): TestSession | null {
  return current;
}

/** Signs the next requests in as this user (just now, unless told when), or out with null. */
export function signInAs(id: string | null, sv = 0, signedInAt = new Date()): void {
  current = id ? { user: { id, sv, signedInAt: Math.floor(signedInAt.getTime() / 1000) } } : null;
}
