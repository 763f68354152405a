import { registerOperations } from '@/lib/operations';
import { ensureLocalAccount } from '@/lib/seed/demo';
import { setTestCatalog } from './catalog';
import { createTestDatabase, type TestDatabase } from './databases';
import { setUpTestDatabase, setUpTestWorker } from './jobs';

/**
 * For a describe block of the services' tests on the local provider: a throwaway database with the
 * test catalogue, every operation's job handler, the local provider account and one team; a worker
 * in the test process stopped after each test; the database dropped at the end. `setup` runs last
 * in the same beforeAll.
 */
export function setUpLocalServices(
  provider: 'sqlite' | 'postgres',
  teamName: string,
  setup?: (env: { t: TestDatabase; accountId: string }) => Promise<unknown>,
) {
  let accountId = '';
  let teamId = '';
  const database = setUpTestDatabase(async () => {
    const t = await createTestDatabase(provider);
    setTestCatalog(t.dataDir);
    registerOperations();
    accountId = (await ensureLocalAccount(t.db)).id;
    teamId = (await t.db.team.create({ data: { name: teamName } })).id;
    await setup?.({ t, accountId });
    return t;
  });
  return {
    get t() {
      return database();
    },
    get accountId() {
      return accountId;
    },
    get teamId() {
      return teamId;
    },
    ...setUpTestWorker(() => database().db),
  };
}
