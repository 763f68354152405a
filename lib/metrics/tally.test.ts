import { describe, expect, it } from 'vitest';
import { durationBucket, JOB_DURATION_BUCKETS, NEVER_RAN, tallyOf } from '@/lib/jobs/tally';
import { durationSamples, tallyTotals, type TallyRow } from './tally';

const row = (r: Partial<TallyRow>): TallyRow => ({
  kind: 'backup',
  status: 'succeeded',
  bucket: 0,
  count: 1,
  seconds: 0,
  bytes: 0n,
  ...r,
});

describe('a finished job in the tally', () => {
  it('falls in the first bucket whose bound it is at or under, past the last in +Inf', () => {
    expect(durationBucket(0)).toBe(0);
    expect(durationBucket(1)).toBe(0);
    expect(durationBucket(1.5)).toBe(1);
    expect(durationBucket(60)).toBe(JOB_DURATION_BUCKETS.indexOf(60));
    expect(durationBucket(86400)).toBe(JOB_DURATION_BUCKETS.length - 1);
    expect(durationBucket(86401)).toBe(JOB_DURATION_BUCKETS.length);
  });

  it('counts its last run from start to finish, and one that never started as never ran', () => {
    const startedAt = new Date('2026-12-01T10:00:00Z');
    expect(tallyOf({ startedAt, finishedAt: new Date('2026-12-01T10:01:30Z'), bytesDone: 5n })).toEqual({
      bucket: JOB_DURATION_BUCKETS.indexOf(300),
      seconds: 90,
      bytes: 5n,
    });
    expect(tallyOf({ startedAt: null, finishedAt: startedAt, bytesDone: 0n })).toEqual({
      bucket: NEVER_RAN,
      seconds: 0,
      bytes: 0n,
    });
  });
});

describe('the duration histogram', () => {
  const bounds = [10, 60];

  it('sums rows per kind and status and makes the buckets cumulative', () => {
    const totals = tallyTotals(
      [
        row({ bucket: 1, count: 2, seconds: 70, bytes: 100n }),
        row({ bucket: 0, count: 3, seconds: 6, bytes: 1n }),
        row({ bucket: 2, count: 1, seconds: 500, bytes: 0n }),
        row({ bucket: NEVER_RAN, count: 4, bytes: 0n }),
        row({ kind: 'image.capture', status: 'failed', bucket: 0, count: 1, seconds: 2 }),
      ],
      bounds,
    );
    expect(totals.map((t) => [t.kind, t.status, t.count, t.bytes])).toEqual([
      ['backup', 'succeeded', 10, 101],
      ['image.capture', 'failed', 1, 0],
    ]);
    const samples = durationSamples('d', totals, bounds).filter((s) => s.labels.kind === 'backup');
    expect(samples).toEqual([
      { metricName: 'd_bucket', labels: { kind: 'backup', status: 'succeeded', le: 10 }, value: 3 },
      { metricName: 'd_bucket', labels: { kind: 'backup', status: 'succeeded', le: 60 }, value: 5 },
      { metricName: 'd_bucket', labels: { kind: 'backup', status: 'succeeded', le: '+Inf' }, value: 6 },
      { metricName: 'd_sum', labels: { kind: 'backup', status: 'succeeded' }, value: 576 },
      // The four that never ran have no duration: the histogram counts runs only.
      { metricName: 'd_count', labels: { kind: 'backup', status: 'succeeded' }, value: 6 },
    ]);
  });

  it('is empty with no rows', () => {
    expect(durationSamples('d', tallyTotals([], bounds), bounds)).toEqual([]);
  });
});
