import { registerOperations } from '@/lib/operations';
import { setTestCatalog } from './catalog';
import { createTestDatabase, type TestDatabase } from './databases';

// A test database that the app's own code uses as its db() (server actions, page reads, job
// handlers), with what the server has at start: the test catalogue, a secret key for provider
// tokens (lib/crypto/secrets.ts) and every operation's job handler. closeAppDatabase puts things back.

const globals = globalThis as { lifeboatDb?: unknown };

export async function openAppDatabase(provider: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  const t = await createTestDatabase(provider);
  setTestCatalog(t.dataDir);
  process.env.LIFEBOAT_SECRET_KEY ??= 'integration test secret passphrase';
  registerOperations();
  globals.lifeboatDb = t.db;
  return t;
}

export async function closeAppDatabase(t: TestDatabase | undefined): Promise<void> {
  globals.lifeboatDb = undefined;
  await t?.drop();
}
