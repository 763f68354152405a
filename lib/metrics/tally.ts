import { JOB_DURATION_BUCKETS, NEVER_RAN } from '@/lib/jobs/tally';

// The JobTally rows turned into what Prometheus reads: a cumulative histogram of run durations
// and totals per job kind and final status. Plain functions of the rows.

export type TallyRow = { kind: string; status: string; bucket: number; count: number; seconds: number; bytes: bigint };

/** One sample as prom-client writes it: labels, value, and the series' name when it is not the metric's (_bucket, _sum, _count). */
export type Sample = { metricName?: string; labels: Record<string, string | number>; value: number };

type Totals = { kind: string; status: string; count: number; seconds: number; bytes: number; buckets: number[] };

/** Rows summed per kind and status, in a stable order (kind, then status). */
export function tallyTotals(rows: TallyRow[], bounds: readonly number[] = JOB_DURATION_BUCKETS): Totals[] {
  const byKey = new Map<string, Totals>();
  for (const row of rows) {
    const key = `${row.kind}\u0000${row.status}`;
    let t = byKey.get(key);
    if (!t) {
      t = { kind: row.kind, status: row.status, count: 0, seconds: 0, bytes: 0, buckets: bounds.map(() => 0) };
      t.buckets.push(0);
      byKey.set(key, t);
    }
    t.count += row.count;
    t.bytes += Number(row.bytes);
    if (row.bucket === NEVER_RAN) continue;
    t.seconds += row.seconds;
    t.buckets[Math.min(row.bucket, bounds.length)] += row.count;
  }
  return [...byKey.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.status.localeCompare(b.status));
}

/**
 * The duration histogram's samples: per kind and status, each bucket counting the runs at or
 * under its bound (cumulative, as Prometheus' `le` means), then +Inf, _sum and _count. A job
 * that never ran (cancelled while queued) has no duration and is left out here; the finished
 * counter counts it.
 */
export function durationSamples(name: string, totals: Totals[], bounds: readonly number[] = JOB_DURATION_BUCKETS) {
  const samples: Sample[] = [];
  for (const t of totals) {
    const labels = { kind: t.kind, status: t.status };
    let running = 0;
    t.buckets.forEach((n, i) => {
      running += n;
      const le = i < bounds.length ? bounds[i] : '+Inf';
      samples.push({ metricName: `${name}_bucket`, labels: { ...labels, le }, value: running });
    });
    samples.push({ metricName: `${name}_sum`, labels, value: t.seconds });
    samples.push({ metricName: `${name}_count`, labels, value: running });
  }
  return samples;
}
