import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { measureDueDisks } from '@/lib/operations/measure-disks';
import { diskPath } from '@/lib/providers/local';
import { parseInstanceListQuery } from '@/lib/schemas/instances';
import { ensureLocalAccount } from '@/lib/seed/demo';
import { provisionInstance } from '@/lib/services/provisioning';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { writeTestDisk } from '@/tests/disks';
import { signInAs } from '@/tests/session';
import { readCaptureForm } from './images';
import { readInstanceDetail, readInstanceList, readOverview } from './instances';

// A page render reads: it never measures a disk and writes back, nor writes anything else. Every
// query the page reads send goes through a recorder, which fails the test on any write. Usage is
// shown as the measuring operation last stored it, with its age.
vi.mock('next-auth', async (original) => ({
  ...(await original<typeof import('next-auth')>()),
  getServerSession: async () => (await import('@/tests/session')).testSession(),
}));

const WRITES =
  /^(create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany|\$executeRaw|\$executeRawUnsafe)$/;
const globals = globalThis as { lifeboatDb?: unknown };

describe.each(PROVIDERS)('page reads on %s', (provider) => {
  let t: TestDatabase;
  const writes: string[] = [];
  let measuredId: string;
  let freshId: string;

  beforeAll(async () => {
    t = await openAppDatabase(provider);
    const accountId = (await ensureLocalAccount(t.db)).id;
    const team = await t.db.team.create({ data: { name: 'Readers' } });
    await t.db.user.create({
      data: { id: 'admin', email: 'admin@example.com', name: 'Admin', passwordHash: 'x', isAdmin: true },
    });
    const instance = (label: string) =>
      provisionInstance(t.db, { accountId, teamId: team.id, label, region: 'eu-central', plan: 'small' });
    const measured = await instance('measured-1');
    const primary = measured.disks.find((d) => d.kind === 'primary')!;
    await writeTestDisk(diskPath({ instanceId: measured.id, diskId: primary.id, region: 'eu-central' }), 3, [
      'random',
      'random',
    ]);
    await measureDueDisks(t.db);
    measuredId = measured.id;
    freshId = (await instance('fresh-1')).id; // provisioned after the measurement: never measured
    signInAs('admin');
    globals.lifeboatDb = t.db.$extends({
      query: {
        async $allOperations({ model, operation, args, query }) {
          if (WRITES.test(operation)) writes.push(`${model ?? ''}.${operation}`);
          return query(args);
        },
      },
    });
  });
  afterAll(async () => {
    signInAs(null);
    await closeAppDatabase(t);
  });

  it('renders the instance list, an instance, its capture form and the overview without writing', async () => {
    const list = await readInstanceList(parseInstanceListQuery({}));
    const detail = await readInstanceDetail(measuredId);
    const fresh = await readInstanceDetail(freshId);
    await readCaptureForm(measuredId);
    await readOverview();
    expect(writes).toEqual([]);

    const row = list.items.find((i) => i.id === measuredId)!;
    expect(row.usage.usedBytes).toBeGreaterThan(0);
    expect(row.measured).toBe('measured just now');
    const primary = detail!.disks.find((d) => d.kind === 'primary')!;
    expect(primary).toMatchObject({ usedBytes: row.usage.usedBytes, measured: 'measured just now' });
    // Not measured yet is said plainly, never shown as a fresh zero.
    expect(fresh!.disks.map((d) => d.measured)).toEqual(['not measured yet', 'not measured yet']);
    expect(list.items.find((i) => i.id === freshId)!.measured).toBe('not measured yet');
  });

  it('still renders an instance whose disk file is gone, and refuses its capture in words', async () => {
    const lost = await t.db.instance.findUniqueOrThrow({ where: { id: freshId }, include: { disks: true } });
    const primary = lost.disks.find((d) => d.kind === 'primary')!;
    await fs.rm(diskPath({ instanceId: lost.id, diskId: primary.id, region: 'eu-central' }), { force: true });
    const form = await readCaptureForm(lost.id);
    expect(form!.check).toMatchObject({ ok: false, reason: 'unreadable' });
    expect(form!.check.ok || form!.check.message).toMatch(/^The primary disk \(disk\) can't be read right now/);
    expect((await readInstanceDetail(lost.id))!.disks).toHaveLength(2);
    expect(writes).toEqual([]);
  });
});
