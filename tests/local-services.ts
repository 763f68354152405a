import { afterAll, afterEach, beforeAll } from 'vitest';
import { startWorker, type Worker, type WorkerOptions } from '@/lib/jobs';
import { registerOperations } from '@/lib/operations';
import { ensureLocalAccount } from '@/lib/seed/demo';
import { setTestCatalog } from './catalog';
import { createTestDatabase, type TestDatabase } from './databases';
import { testWorker } from './jobs';

/**
 * For a describe block of the services' tests on the local provider: a throwaway database with the
 * test catalogue, every operation's job handler, the local provider account and one team; a worker
 * in the test process stopped after each test; the database dropped at the end. `setup` runs last
 * in the same beforeAll.
 */
export function useLocalServices(
  provider: 'sqlite' | 'postgres',
  teamName: string,
  setup?: (env: { t: TestDatabase; accountId: string }) => Promise<unknown>,
) {
  let t: TestDatabase | undefined;
  let accountId = '';
  let teamId = '';
  let worker: Worker | null = null;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    setTestCatalog(t.dataDir);
    registerOperations();
    accountId = (await ensureLocalAccount(t.db)).id;
    teamId = (await t.db.team.create({ data: { name: teamName } })).id;
    await setup?.({ t, accountId });
  });
  afterEach(async () => {
    await worker?.stop();
    worker = null;
  });
  afterAll(async () => {
    await t?.drop();
  });
  return {
    get t(): TestDatabase {
      if (!t) throw new Error('the test database is created in beforeAll');
      return t;
    },
    get accountId() {
      return accountId;
    },
    get teamId() {
      return teamId;
    },
    /** The test's worker with short timings, started on first use. */
    run(): Worker {
      return (worker ??= testWorker(this.t.db));
    },
    /** Starts the test's worker with these timings; it is stopped after the test. */
    startWorker(options: Omit<WorkerOptions, 'db'>): Worker {
      worker = startWorker({ ...options, db: this.t.db });
      return worker;
    },
  };
}
