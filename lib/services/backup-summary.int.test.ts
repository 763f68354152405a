import { describe, expect, it } from 'vitest';
import { PROVIDERS, useOwnedDatabase } from '@/tests/databases';
import { backupSummary, SUMMARY_BATCH } from './backup-summary';

// The overview's backup lists over more instances with backups on than one query may name: a
// single `in` list of them all used to exceed SQLite's parameter limit (HTTP 500 on the overview).

const HOUR = 3_600_000;
const COUNT = SUMMARY_BATCH * 2 + 137; // three batches, the last one short
const now = new Date('2026-12-02T12:00:00Z');

describe.each(PROVIDERS)('the backup summary on %s', (provider) => {
  const database = useOwnedDatabase(provider, async (db) => {
    // Every third instance enabled two days ago and never backed up (overdue), the rest an hour ago (waiting).
    await db.instance.createMany({
      data: Array.from({ length: COUNT }, (_, i) => ({
        id: `i${String(i).padStart(5, '0')}`,
        accountId: 'acc',
        teamId: 'team',
        label: `host-${String(COUNT - i).padStart(5, '0')}`,
        region: 'eu-central',
        plan: 'small',
        backupsEnabled: true,
        backupsEnabledAt: new Date(now.getTime() - (i % 3 === 0 ? 48 : 1) * HOUR),
      })),
    });
    // One waiting instance whose latest attempt failed: failing, not waiting.
    await db.backup.create({
      data: {
        instanceId: 'i00001',
        teamId: 'team',
        region: 'eu-central',
        kind: 'automatic',
        status: 'failed',
        diskId: '',
      },
    });
  });

  it('counts every instance and returns only the first few of each list, by label', async () => {
    const s = await backupSummary(database().db, {}, now, 10);
    const overdue = Math.ceil(COUNT / 3);
    expect(s.problemCount).toBe(overdue + 1);
    expect(s.waitingCount).toBe(COUNT - overdue - 1);
    expect(s.problems).toHaveLength(10);
    expect(s.waiting).toHaveLength(10);
    // The smallest labels belong to the largest i (label host-(COUNT - i)).
    const byLabel = (ids: number[]) =>
      ids
        .sort((a, b) => b - a)
        .slice(0, 10)
        .map((i) => `host-${String(COUNT - i).padStart(5, '0')}`);
    const all = Array.from({ length: COUNT }, (_, i) => i);
    expect(s.problems.map((p) => p.label)).toEqual(byLabel(all.filter((i) => i % 3 === 0 || i === 1)));
    expect(s.waiting.map((p) => p.label)).toEqual(byLabel(all.filter((i) => i % 3 !== 0 && i !== 1)));
    expect(s.problems.every((p) => p.health === 'overdue')).toBe(true);
  });

  it('counts only the instances the where names', async () => {
    const s = await backupSummary(database().db, { teamId: { in: ['another-team'] } }, now);
    expect(s).toEqual({ problems: [], problemCount: 0, waiting: [], waitingCount: 0 });
  });
});
