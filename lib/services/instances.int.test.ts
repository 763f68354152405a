import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationStatus } from '@/lib/db/migration-status';
import { diskPath } from '@/lib/providers/local';
import { fillFilesystem } from '@/lib/disks/fill';
import { measureDiskFile } from '@/lib/disks/measure';
import { instanceListQuery } from '@/lib/schemas/instances';
import { ensureLocalAccount } from '@/lib/seed/demo';
import { seedBulk } from '@/lib/seed/bulk';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '@/tests/databases';
import { measureDisks } from '@/lib/operations/measure-disks';
import { countInstances, getInstance, listInstances } from './instances';
import { provisionInstance } from './provisioning';

const MiB = 1024 * 1024;
const query = (q: Partial<Record<string, unknown>> = {}) => instanceListQuery.parse({ q: '', ...q });

describe.each(PROVIDERS)('instances on %s', (provider) => {
  let t: TestDatabase;
  let accountId: string;
  let teamA: string;
  let teamB: string;

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    process.env.DATA_DIR = t.dataDir;
    accountId = (await ensureLocalAccount(t.db)).id;
    teamA = (await t.db.team.create({ data: { name: 'Alpha' } })).id;
    teamB = (await t.db.team.create({ data: { name: 'Beta' } })).id;
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("counts the overview's instances, running and with backups on, in scope", async () => {
    const statuses = ['running', 'running', 'offline', 'provisioning', 'busy', 'restoring', 'running'] as const;
    await t.db.instance.createMany({
      data: statuses.map((status, i) => ({
        accountId,
        teamId: i < 4 ? teamA : teamB,
        label: `count-${i}`,
        region: 'eu-central',
        plan: 'small',
        status,
        backupsEnabled: i % 2 === 0,
      })),
    });
    const only = { label: { startsWith: 'count-' } };
    const all = await countInstances(t.db, null);
    const before = { total: all.total - statuses.length, running: all.running - 3, backupsOn: all.backupsOn - 4 };
    expect(before).toEqual({
      total: await t.db.instance.count({ where: { NOT: only } }),
      running: await t.db.instance.count({ where: { NOT: only, status: 'running' } }),
      backupsOn: await t.db.instance.count({ where: { NOT: only, backupsEnabled: true } }),
    });
    const inB = await countInstances(t.db, [teamB]);
    const bBefore = await t.db.instance.count({ where: { teamId: teamB, NOT: only } });
    expect(inB.total - bBefore).toBe(3);
    await t.db.instance.deleteMany({ where: only });
    expect(await countInstances(t.db, ['no-such-team'])).toEqual({ total: 0, running: 0, backupsOn: 0 });
  });

  it('has every committed migration applied', async () => {
    const status = await migrationStatus(t.db, provider);
    expect(status.pending).toEqual([]);
    expect(status.applied).toBe(true);
  });

  it('provisions an instance as two real sparse files sized by the plan, the primary with a fresh ext4 filesystem', async () => {
    const instance = await provisionInstance(t.db, {
      accountId,
      teamId: teamA,
      label: 'Web-One',
      region: 'eu-central',
      plan: 'nano-1',
    });
    expect(instance.disks.map((d) => d.kind).sort()).toEqual(['primary', 'swap']);
    for (const disk of instance.disks) {
      const stat = await fs.stat(diskPath({ instanceId: instance.id, diskId: disk.id, region: 'eu-central' }));
      expect(stat.size).toBe(Number(disk.sizeBytes));
      // Sparse: nothing written but, on the primary, the filesystem's superblocks and bitmaps.
      expect(stat.blocks * 512).toBeLessThan(disk.kind === 'primary' ? 8 * MiB : MiB);
      const usage = await measureDiskFile(diskPath({ instanceId: instance.id, diskId: disk.id, region: 'eu-central' }));
      expect(usage.source).toBe(disk.kind === 'primary' ? 'filesystem' : 'host');
      expect(usage.usedBytes).toBeLessThan(MiB);
    }
  });

  it('measures used space from the file, not from the database', async () => {
    const instance = await provisionInstance(t.db, {
      accountId,
      teamId: teamA,
      label: 'db-two',
      region: 'us-east',
      plan: 'nano-1',
    });
    const primary = instance.disks.find((d) => d.kind === 'primary')!;
    await fillFilesystem(
      diskPath({ instanceId: instance.id, diskId: primary.id, region: 'us-east' }),
      24 * MiB,
      7,
      8 * MiB,
    );
    const measured = await measureDisks(t.db, { ...instance, account: { kind: 'local' } }, [primary]);
    const used = measured.get(primary.id)!.usedBytes;
    expect(used).toBeGreaterThanOrEqual(24 * MiB);
    expect(used).toBeLessThan(25 * MiB);
    // The figure is written back so the list can sort by it.
    const row = await t.db.instance.findUniqueOrThrow({ where: { id: instance.id } });
    expect(Number(row.primaryUsedBytes)).toBe(used);
  });

  it('refuses a second instance with the same label in the account, leaving no files behind', async () => {
    const before = await t.db.instance.count();
    await expect(
      provisionInstance(t.db, { accountId, teamId: teamB, label: 'db-two', region: 'us-east', plan: 'nano-1' }),
    ).rejects.toThrow();
    expect(await t.db.instance.count()).toBe(before);
    const dirs = await fs.readdir(`${t.dataDir}/regions/us-east/disks`);
    expect(dirs).toHaveLength(1);
  });

  it('lists only the teams in scope, searching without regard to case', async () => {
    await provisionInstance(t.db, {
      accountId,
      teamId: teamB,
      label: 'beta-cache',
      region: 'eu-central',
      plan: 'nano-1',
    });
    expect((await listInstances(t.db, [teamA], query())).rows.map((r) => r.label).sort()).toEqual([
      'Web-One',
      'db-two',
    ]);
    expect((await listInstances(t.db, [teamB], query())).rows.map((r) => r.label)).toEqual(['beta-cache']);
    expect((await listInstances(t.db, null, query())).total).toBe(3);
    expect((await listInstances(t.db, null, query({ q: 'WEB' }))).rows.map((r) => r.label)).toEqual(['Web-One']);
    expect((await listInstances(t.db, [teamB], query({ q: 'web' }))).total).toBe(0);
    expect(await getInstance(t.db, [teamB], (await listInstances(t.db, [teamA], query())).rows[0].id)).toBeNull();
  });

  it('sorts by usage and pages on the server over thousands of rows', async () => {
    await seedBulk(t.db, accountId, [teamA, teamB], 1200, () => {});
    const page1 = await listInstances(t.db, null, query({ sort: 'usage', dir: 'desc', size: 50 }));
    expect(page1.total).toBe(1203);
    expect(page1.pageCount).toBe(25);
    expect(page1.rows).toHaveLength(50);
    expect(page1.rows[0].label).toBe('db-two');
    const used = page1.rows.map((r) => Number(r.primaryUsedBytes));
    expect([...used].sort((a, b) => b - a)).toEqual(used);
    const last = await listInstances(t.db, null, query({ sort: 'label', page: 999, size: 100 }));
    expect(last.page).toBe(13);
    expect(last.rows).toHaveLength(3);
    const seen = new Set<string>();
    for (let page = 1; page <= 3; page += 1)
      for (const r of (await listInstances(t.db, [teamA], query({ sort: 'backups', page, size: 100 }))).rows)
        seen.add(r.id);
    expect(seen.size).toBe(300); // stable paging: no row twice across pages
  });
});
