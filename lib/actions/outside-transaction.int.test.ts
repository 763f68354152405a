import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initialState } from '@/lib/actions/state';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { callsInTransaction, outsideCalls } from '@/tests/outside-transaction';
import { createWorld, imageOf, instanceOf, type World } from '@/tests/permissions/world';
import { signInAs } from '@/tests/session';
import { captureImage } from '@/lib/operations/capture-image';
import { bulkEnableBackupsAction } from './backups';
import { cancelJobAction } from './jobs';

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

  it('cancels a queued capture: its clean-up calls the provider with no transaction open', async () => {
    const image = await w.db.image.update({ where: { id: (await imageOf(w)).id }, data: { status: 'creating' } });
    const job = await captureImage.enqueue(t.db, {
      input: { imageId: image.id },
      instanceId: image.sourceInstanceId,
      teamId: w.teamA,
    });
    const state = await cancelJobAction(initialState, { jobId: job.id });
    expect(state).toMatchObject({ ok: true });
    expect(outsideCalls.map((c) => c.name)).toContain('provider.deleteImage');
    expect(callsInTransaction()).toEqual([]);
    expect(await t.db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: 'cancelled' });
    expect(await t.db.image.findUniqueOrThrow({ where: { id: image.id } })).toMatchObject({ status: 'failed' });
    const entries = await t.db.auditEntry.findMany({
      where: { targetId: job.id },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
    });
    expect(entries.map((e) => `${e.action} ${e.result}`)).toEqual([
      'image.capture.finished failure',
      'job.cancel success',
    ]);
  });
});
