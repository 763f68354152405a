import { describe, expect, it } from 'vitest';
import { PROVIDERS, useOwnedDatabase } from '@/tests/databases';
import { backupSummary } from './backup-summary';
import { refreshBackupFacts } from './backup-facts';

// The overview's backup lists are counts over the health kept on each instance row and the
// first few rows by label: the answer's size does not depend on how many instances there are.

const HOUR = 3_600_000;
const COUNT = 1_137;
const now = new Date('2026-12-02T12:00:00Z');

describe.each(PROVIDERS)('the backup summary on %s', (provider) => {
  const database = useOwnedDatabase(provider, async (db) => {
    // Every third instance enabled two days ago and never backed up (overdue), the rest an hour ago
    // (waiting); every fifth of those backed up an hour ago (fine).
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
        lastBackupAt: i % 3 !== 0 && i % 5 === 0 ? new Date(now.getTime() - HOUR) : null,
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
    await refreshBackupFacts(db, 'i00001');
  });

  it('counts every instance and returns only the first few of each list, by label', async () => {
    const s = await backupSummary(database().db, {}, now, 10);
    const all = Array.from({ length: COUNT }, (_, i) => i);
    const problems = all.filter((i) => i % 3 === 0 || i === 1);
    const waiting = all.filter((i) => i % 3 !== 0 && i % 5 !== 0 && i !== 1);
    expect(s.problemCount).toBe(problems.length);
    expect(s.waitingCount).toBe(waiting.length);
    // The smallest labels belong to the largest i (label host-(COUNT - i)).
    const byLabel = (ids: number[]) =>
      ids
        .sort((a, b) => b - a)
        .slice(0, 10)
        .map((i) => `host-${String(COUNT - i).padStart(5, '0')}`);
    expect(s.problems.map((p) => p.label)).toEqual(byLabel(problems));
    expect(s.waiting.map((p) => p.label)).toEqual(byLabel(waiting));
    expect(s.problems.every((p) => p.health === 'overdue')).toBe(true);
    const few = await backupSummary(database().db, { id: { in: ['i00001', 'i00003'] } }, now, 10);
    expect(few.problems).toEqual([
      { id: 'i00003', label: `host-${String(COUNT - 3).padStart(5, '0')}`, health: 'overdue' },
      { id: 'i00001', label: `host-${String(COUNT - 1).padStart(5, '0')}`, health: 'failed' },
    ]);
  });

  it('counts only the instances the where names', async () => {
    const s = await backupSummary(database().db, { teamId: { in: ['another-team'] } }, now);
    expect(s).toEqual({ problems: [], problemCount: 0, waiting: [], waitingCount: 0 });
  });
});
