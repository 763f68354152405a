import { describe, expect, it } from 'vitest';
import { PROVIDERS, useOwnedDatabase } from '@/tests/databases';
import { backupSummary } from './backup-summary';
import { refreshBackupFacts } from './backup-facts';

// The overview's backup lists are counts over the health kept on each instance row and the
// first few rows of each: the answer's size does not depend on how many instances there are.

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

  it('counts every instance and returns only the first few of each list: failing, then overdue by label; the newest waiting first', async () => {
    const s = await backupSummary(database().db, {}, now, 10);
    const all = Array.from({ length: COUNT }, (_, i) => i);
    const overdue = all.filter((i) => i % 3 === 0);
    const waiting = all.filter((i) => i % 3 !== 0 && i % 5 !== 0 && i !== 1);
    expect(s.problemCount).toBe(overdue.length + 1);
    expect(s.waitingCount).toBe(waiting.length);
    const label = (i: number) => `host-${String(COUNT - i).padStart(5, '0')}`;
    // The failing one first; then the smallest labels, which belong to the largest i.
    expect(s.problems[0]).toEqual({ id: 'i00001', label: label(1), health: 'failed' });
    expect(s.problems.slice(1).map((p) => p.label)).toEqual(
      overdue
        .sort((a, b) => b - a)
        .slice(0, 9)
        .map(label),
    );
    expect(s.problems.slice(1).every((p) => p.health === 'overdue')).toBe(true);
    // Every waiting one was enabled at the same moment: then by id, the last made first.
    expect(s.waiting.map((w) => w.id)).toEqual(
      waiting
        .reverse()
        .slice(0, 10)
        .map((i) => `i${String(i).padStart(5, '0')}`),
    );
    const few = await backupSummary(database().db, { id: { in: ['i00001', 'i00003'] } }, now, 10);
    expect(few.problems).toEqual([
      { id: 'i00001', label: label(1), health: 'failed' },
      { id: 'i00003', label: label(3), health: 'overdue' },
    ]);
    // With as many failing as are shown, the overdue are counted but not read.
    const one = await backupSummary(database().db, {}, now, 1);
    expect(one).toMatchObject({ problemCount: overdue.length + 1, problems: [{ id: 'i00001', health: 'failed' }] });
  });

  it('counts only the instances the where names', async () => {
    const s = await backupSummary(database().db, { teamId: { in: ['another-team'] } }, now);
    expect(s).toEqual({ problems: [], problemCount: 0, waiting: [], waitingCount: 0 });
  });
});
