import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initialState } from '@/lib/actions/state';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { callsInTransaction, outsideCalls } from '@/tests/outside-transaction';
import { createWorld, instanceOf, type World } from '@/tests/permissions/world';
import { signInAs } from '@/tests/session';
import { bulkEnableBackupsAction } from './backups';

// Actions whose work calls a provider more than once, or after a write: every provider call is
// made while no transaction of the action's is open (on SQLite it would hold the whole database).

vi.mock('next-auth', async (original) => (await import('@/tests/next-request')).nextAuth(await original()));
vi.mock('next/headers', async () => (await import('@/tests/next-request')).nextHeaders('192.0.2.11'));
vi.mock('next/cache', async () => (await import('@/tests/next-request')).nextCache);
vi.mock('@/lib/providers/registry', async (original) =>
  (await import('@/tests/outside-transaction')).watchedProviders(await original()),
);
vi.mock('@/lib/storage', async (original) =>
  (await import('@/tests/outside-transaction')).watchedStorage(await original()),
);

describe.each(PROVIDERS)('provider calls outside the action transaction on %s', (provider) => {
  let t: TestDatabase;
  let w: World;
  afterAll(() => closeAppDatabase(t));
  beforeAll(async () => {
    t = await openAppDatabase(provider);
    w = await createWorld(t.db);
    signInAs(w.users.admin.id);
  });
  beforeEach(() => void (outsideCalls.length = 0));

  it('enables backups on several instances: every provider call before the first row', async () => {
    const boxes = [await instanceOf(w), await instanceOf(w), await instanceOf(w)];
    const state = await bulkEnableBackupsAction(initialState, { instanceIds: boxes.map((b) => b.id) });
    expect(state).toMatchObject({ ok: true, message: 'Backups enabled for 3 instances.' });
    expect(outsideCalls.filter((c) => c.name === 'provider.setBackups')).toHaveLength(3);
    expect(callsInTransaction()).toEqual([]);
    const rows = await t.db.instance.findMany({ where: { id: { in: boxes.map((b) => b.id) } } });
    expect(rows.map((r) => r.backupsEnabled)).toEqual([true, true, true]);
  });
});
