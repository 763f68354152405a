import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { initialState, type ActionState } from '@/lib/actions/state';
import type { CheckResult, RebuildResult } from '@/lib/domain/store-reports';
import { backupRecord, imageRecord } from '@/lib/domain/store-record';
import { backupStore, imageStore } from '@/lib/providers/stores';
import { createId } from '@/lib/db/ids';
import { captureDisk } from '@/lib/storage';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { writeTestDisk } from '@/tests/disks';
import { objectStoresByEnvironment } from '@/tests/object-store';
import { callsInTransaction, outsideCalls } from '@/tests/outside-transaction';
import { createWorld, snapshot, type World } from '@/tests/permissions/world';
import { signInAs } from '@/tests/session';
import { checkStoresAction, rebuildStoresAction } from './stores';

// The Storage page's recovery actions on both databases, over stores on the loopback Swift
// (started if it is not up, never skipped): an image and an encrypted backup written as another
// Lifeboat would have, then checked and rebuilt into a database that has never seen them.

vi.mock('next-auth', async (original) => (await import('@/tests/next-request')).nextAuth(await original()));
vi.mock('next/headers', async () => (await import('@/tests/next-request')).nextHeaders('192.0.2.10'));
vi.mock('next/cache', async () => (await import('@/tests/next-request')).nextCache);
// The rebuild reads the stores and makes disks between its writes: none of it while a transaction is open.
vi.mock('@/lib/providers/registry', async (original) =>
  (await import('@/tests/outside-transaction')).watchedProviders(await original()),
);
vi.mock('@/lib/storage', async (original) =>
  (await import('@/tests/outside-transaction')).watchedStorage(await original()),
);

const check = (input: Record<string, unknown>) =>
  checkStoresAction(initialState, input) as Promise<ActionState<CheckResult>>;
const rebuild = (input: Record<string, unknown>) =>
  rebuildStoresAction(initialState, input) as Promise<ActionState<RebuildResult>>;

let restoreEnv: (() => void) | undefined;
const lost = {
  team: { id: createId(), name: 'Rescued' },
  instance: { id: createId(), label: 'db-main', region: 'eu-central', plan: 'small' },
  disk: { id: createId(), label: 'disk' },
};
const imageId = createId();
const backupId = createId();
let diskDir: string;

beforeAll(async () => {
  restoreEnv = await objectStoresByEnvironment('lifeboat-dr-actions');
  // What the lost Lifeboat left behind: one image and one snapshot, each describing itself (the
  // object stores keep their writer leases in a database: the lost one's, dropped after).
  const gone = await openAppDatabase('sqlite');
  diskDir = await fs.mkdtemp(path.join(os.tmpdir(), 'lifeboat-dr-actions-'));
  const file = path.join(diskDir, 'disk.img');
  await fs.writeFile(file, Buffer.alloc(0));
  await fs.truncate(file, 12 * 1024 * 1024);
  await writeTestDisk(file, 3, ['random', 'hole', 'text']);
  const owners = { ...lost, account: { id: createId(), name: 'Local host', kind: 'local' } };
  const by = { createdById: 'gone-user', createdByName: 'Tess Tester' };
  await captureDisk(await imageStore(), file, imageId, {
    about: imageRecord({ id: imageId, label: 'db-golden', description: 'before the fire', ...by }, owners),
  });
  await captureDisk(await backupStore('eu-central'), file, backupId, {
    about: backupRecord({ id: backupId, label: 'by hand', kind: 'snapshot', windowStart: null, ...by }, owners),
  });
  await closeAppDatabase(gone);
}, 120_000);

afterAll(async () => {
  restoreEnv?.();
  await fs.rm(diskDir, { recursive: true, force: true });
});

describe.each(PROVIDERS)('store recovery actions on %s', (provider) => {
  let t: TestDatabase;
  let w: World;
  const audits = (action: string) =>
    t.db.auditEntry.findMany({ where: { action }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });

  beforeAll(async () => {
    t = await openAppDatabase(provider);
    w = await createWorld(t.db);
  });
  afterAll(async () => {
    await closeAppDatabase(t);
  });

  it('refuses every caller but an admin, changes nothing, and logs the refusals', async () => {
    const before = await snapshot(t.db);
    for (const role of ['member', 'viewer', 'other'] as const) {
      signInAs(w.users[role].id);
      expect(await check({ deep: 'on' })).toEqual({
        ok: false,
        message: 'Only administrators can do that.',
        code: 'forbidden',
      });
      expect(await rebuild({ confirm: 'rebuild' })).toEqual({
        ok: false,
        message: 'Only administrators can do that.',
        code: 'forbidden',
      });
    }
    expect(await snapshot(t.db)).toBe(before);
    for (const action of ['store.check', 'store.rebuild']) {
      expect((await audits(action)).map((a) => [a.actorId, a.result])).toEqual(
        ['member', 'viewer', 'other'].map((r) => [w.users[r as 'member'].id, 'refused']),
      );
    }
  });

  it('checks as an admin: each store with its manifests and chunks, and the missing manifest of a row', async () => {
    signInAs(w.users.admin.id);
    const state = await check({ deep: 'on' });
    expect(state.ok, state.message).toBe(true);
    const images = state.data!.stores.find((s) => s.scope === 'images')!;
    const eu = state.data!.stores.find((s) => s.scope === 'backups:eu-central')!;
    expect(state.data!.deep).toBe(true);
    expect(images).toMatchObject({
      label: 'Image store',
      location: expect.stringContaining('lifeboat-dr-actions-images'),
      manifests: 1,
      chunks: 2,
      problems: [],
      moreProblems: 0,
    });
    expect(eu).toMatchObject({ manifests: 1, chunks: 2, problems: [], moreProblems: 0 });
    expect(state.message).toMatch(
      /^Checked \d+ stores \(deep: every chunk read back\): 2 manifests, \d+ chunks, no problems\.$/,
    );
    const [entry] = (await audits('store.check')).filter((a) => a.result === 'success');
    expect(entry).toMatchObject({
      actorId: w.users.admin.id,
      targetType: 'store',
      targetLabel: 'every store',
      ip: '192.0.2.10',
      detail: state.message,
    });

    // An image row of this database with no manifest in the store is named.
    const orphanRow = await t.db.image.create({
      data: {
        accountId: w.accountId,
        teamId: w.teamA,
        label: 'no copy',
        status: 'available',
        sourceInstanceLabel: 'x',
        sourceDiskLabel: 'disk',
        region: 'eu-central',
        sizeBytes: 1024,
      },
    });
    const after = await check({});
    expect(after.data!.deep).toBe(false);
    expect(after.data!.stores.find((s) => s.scope === 'images')!.problems).toEqual([
      `The image no copy (${orphanRow.id}) has no manifest in this store.`,
    ]);
    expect(after.message).toMatch(/, 1 problem\.$/);
    await t.db.image.delete({ where: { id: orphanRow.id } });
  });

  it('refuses a rebuild without its confirmation, and changes nothing', async () => {
    signInAs(w.users.admin.id);
    const before = await snapshot(t.db);
    const state = await rebuild({});
    expect(state).toMatchObject({ ok: false, errors: { confirm: ['Confirm the rebuild in its dialog first.'] } });
    expect(await snapshot(t.db)).toBe(before);
  });

  it('rebuilds as an admin: the report counts what came back, the rows are there, and again finds them known', async () => {
    signInAs(w.users.admin.id);
    outsideCalls.length = 0;
    const state = await rebuild({ confirm: 'rebuild' });
    expect(state.ok, state.message).toBe(true);
    expect(outsideCalls.map((c) => c.name)).toEqual(
      expect.arrayContaining(['store.listManifestIds', 'store.readManifest', 'provider.createDisks']),
    );
    expect(callsInTransaction()).toEqual([]);
    const images = state.data!.stores.find((s) => s.scope === 'images')!;
    const eu = state.data!.stores.find((s) => s.scope === 'backups:eu-central')!;
    expect(images).toMatchObject({
      manifests: 1,
      alreadyKnown: 0,
      recovered: { images: 1, backups: 0, instances: 0, teams: 1 },
      orphans: [],
      moreOrphans: 0,
    });
    expect(eu).toMatchObject({
      manifests: 1,
      alreadyKnown: 0,
      recovered: { images: 0, backups: 1, instances: 1, teams: 0 },
      orphans: [],
    });
    expect(state.data!.stores.every((s) => !s.error)).toBe(true);
    expect(state.message).toMatch(
      /^Rebuilt from \d+ stores \(2 manifests\): recovered 1 image, 1 backup, 1 instance, 1 team; 0 already known\.$/,
    );

    expect(await t.db.image.findUniqueOrThrow({ where: { id: imageId } })).toMatchObject({
      label: 'db-golden',
      status: 'available',
      teamId: lost.team.id,
      createdByName: 'Tess Tester',
    });
    expect(await t.db.backup.findUniqueOrThrow({ where: { id: backupId } })).toMatchObject({
      slot: 'snapshot',
      status: 'successful',
      instanceId: lost.instance.id,
    });
    expect(await t.db.instance.findUniqueOrThrow({ where: { id: lost.instance.id } })).toMatchObject({
      label: 'db-main',
      status: 'offline',
      teamId: lost.team.id,
    });
    const [entry] = (await audits('store.rebuild')).filter((a) => a.result === 'success');
    expect(entry).toMatchObject({
      actorId: w.users.admin.id,
      targetType: 'store',
      targetLabel: 'every store',
      detail: state.message,
    });

    const again = await rebuild({ confirm: 'rebuild' });
    expect(again.message).toMatch(/: recovered 0 images, 0 backups, 0 instances, 0 teams; 2 already known\.$/);
    expect((await check({})).data!.stores.flatMap((s) => s.problems)).toEqual([]);
  });
});
