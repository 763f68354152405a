import { describe, expect, it } from 'vitest';
import { PROVIDERS, useOwnedDatabase } from '@/tests/databases';
import { listInstances } from './instances';
import { failedWhere, healthOfRow, overdueWhere, problemWhere, refreshBackupFacts, waitingWhere } from './backup-facts';

// The health kept on the instance row: refreshBackupFacts reads it off the backups, and the
// queries that count on it (problemWhere and its halves, waitingWhere) pick exactly the rows backupHealthOf
// calls overdue or failed, and waiting, on every combination, the 26-hour edge included.

const HOUR = 3_600_000;
const now = new Date('2026-12-02T12:00:00Z');
const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);
const TIMES = [null, ago(1), ago(26), ago(26.001), ago(48)];

describe.each(PROVIDERS)('backup facts on %s', (provider) => {
  const database = useOwnedDatabase(provider, async (db) => {
    let n = 0;
    const data = [];
    for (const backupsEnabled of [true, false])
      for (const backupsEnabledAt of TIMES)
        for (const lastBackupAt of TIMES)
          for (const lastBackupFailed of [false, true])
            data.push({
              id: `g${String(n).padStart(3, '0')}`,
              accountId: 'acc',
              teamId: 'team',
              label: `grid-${n++}`,
              region: 'eu-central',
              plan: 'small',
              backupsEnabled,
              backupsEnabledAt,
              lastBackupAt,
              lastBackupFailed,
            });
    await db.instance.createMany({ data });
  });

  it('counts on the row pick what the rule says, at every edge', async () => {
    const { db } = database();
    const grid = { id: { startsWith: 'g' } };
    const rows = await db.instance.findMany({ where: grid, orderBy: { id: 'asc' } });
    const ids = async (where: object) =>
      (await db.instance.findMany({ where: { AND: [grid, where] }, select: { id: true }, orderBy: { id: 'asc' } })).map(
        (r) => r.id,
      );
    const health = rows.map((r) => [r.id, healthOfRow(r, now)] as const);
    const problems = health.filter(([, h]) => h === 'overdue' || h === 'failed').map(([id]) => id);
    const waiting = health.filter(([, h]) => h === 'waiting').map(([id]) => id);
    expect(problems.length).toBeGreaterThan(10);
    expect(waiting.length).toBeGreaterThan(0);
    expect(await ids(problemWhere(now))).toEqual(problems);
    // Its two halves, as the overview counts them.
    expect(await ids(failedWhere())).toEqual(health.filter(([, h]) => h === 'failed').map(([id]) => id));
    expect(await ids(overdueWhere(now))).toEqual(health.filter(([, h]) => h === 'overdue').map(([id]) => id));
    expect(await ids(waitingWhere(now))).toEqual(waiting);
    // The list's filter is the same query, behind ?health=.
    const listed = async (health: 'problem' | 'waiting') => {
      const query = { q: 'grid', sort: 'label', dir: 'asc', page: 1, size: 100, health } as const;
      const { rows, total } = await listInstances(db, ['team'], query, now);
      return { ids: rows.map((r) => r.id).sort(), total };
    };
    expect(await listed('problem')).toEqual({ ids: problems, total: problems.length });
    expect(await listed('waiting')).toEqual({ ids: waiting, total: waiting.length });
  });

  it('reads the newest success and whether the latest attempt failed, ignoring attempts still running', async () => {
    const { db } = database();
    const instance = await db.instance.create({
      data: {
        accountId: 'acc',
        teamId: 'team',
        label: 'facts',
        region: 'eu-central',
        plan: 'small',
        backupsEnabled: true,
      },
    });
    const backup = (status: 'successful' | 'failed' | 'running', createdAt: Date, takenAt: Date | null = null) =>
      db.backup.create({
        data: {
          instanceId: instance.id,
          teamId: 'team',
          region: 'eu-central',
          kind: 'automatic',
          status,
          diskId: '',
          createdAt,
          takenAt,
        },
      });
    const facts = async () => {
      await refreshBackupFacts(db, instance.id);
      const row = await db.instance.findUniqueOrThrow({ where: { id: instance.id } });
      return { lastBackupAt: row.lastBackupAt, lastBackupFailed: row.lastBackupFailed };
    };
    expect(await facts()).toEqual({ lastBackupAt: null, lastBackupFailed: false });
    await backup('successful', ago(50), ago(50));
    await backup('successful', ago(30), ago(30));
    expect(await facts()).toEqual({ lastBackupAt: ago(30), lastBackupFailed: false });
    await backup('failed', ago(5));
    expect(await facts()).toEqual({ lastBackupAt: ago(30), lastBackupFailed: true });
    await backup('running', ago(1));
    expect(await facts()).toEqual({ lastBackupAt: ago(30), lastBackupFailed: true });
    await backup('successful', ago(2), ago(0.5));
    expect(await facts()).toEqual({ lastBackupAt: ago(0.5), lastBackupFailed: false });
    await db.backup.deleteMany({ where: { instanceId: instance.id } });
    expect(await facts()).toEqual({ lastBackupAt: null, lastBackupFailed: false });
  });
});
