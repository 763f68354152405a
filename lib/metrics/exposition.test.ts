import { describe, expect, it } from 'vitest';
import { JOB_DURATION_BUCKETS, NEVER_RAN } from '@/lib/jobs/tally';
import { factsRegistry } from './exposition';
import type { MetricFacts } from './facts';

const facts: MetricFacts = {
  activeJobs: [{ kind: 'backup.capture', status: 'running', count: 3 }],
  tally: [
    { kind: 'backup.capture', status: 'failed', bucket: 0, count: 2, seconds: 1.5, bytes: 10n },
    { kind: 'backup.capture', status: 'failed', bucket: NEVER_RAN, count: 1, seconds: 0, bytes: 0n },
  ],
  backupsEnabled: 7,
  backupOlderThan: [{ seconds: 86_400, count: 2 }],
  overdue: 1,
  overdueNamed: [{ id: 'i1', label: 'web-1', seconds: 100_000 }],
  failedRecently: 4,
  stores: [{ store: 'backups:eu-central', copies: 5, dataBytes: 2048, storedBytes: 1024 }],
  signInFailures: [
    { reason: 'wrong_password', count: 12 },
    { reason: 'throttled', count: 0 },
  ],
};

describe('the exposition of the database figures', () => {
  it('writes counters, a histogram and gauges in Prometheus text format', async () => {
    const text = await factsRegistry(facts, 0.25).metrics();
    const lines = text.split('\n');
    expect(lines).toContain('# TYPE lifeboat_jobs_finished_total counter');
    expect(lines).toContain('lifeboat_jobs_finished_total{kind="backup.capture",status="failed"} 3');
    expect(lines).toContain('lifeboat_job_bytes_total{kind="backup.capture",status="failed"} 10');
    expect(lines).toContain('# TYPE lifeboat_job_duration_seconds histogram');
    expect(lines).toContain('lifeboat_job_duration_seconds_bucket{kind="backup.capture",status="failed",le="1"} 2');
    expect(lines).toContain('lifeboat_job_duration_seconds_bucket{kind="backup.capture",status="failed",le="+Inf"} 2');
    expect(lines).toContain('lifeboat_job_duration_seconds_sum{kind="backup.capture",status="failed"} 1.5');
    expect(lines).toContain('lifeboat_job_duration_seconds_count{kind="backup.capture",status="failed"} 2');
    expect(lines.filter((l) => l.startsWith('lifeboat_job_duration_seconds_bucket'))).toHaveLength(
      JOB_DURATION_BUCKETS.length + 1,
    );
    expect(lines).toContain('lifeboat_jobs_active{kind="backup.capture",status="running"} 3');
    expect(lines).toContain('lifeboat_backups_enabled_instances 7');
    expect(lines).toContain('lifeboat_backup_older_than_instances{older_than_seconds="86400"} 2');
    expect(lines).toContain('lifeboat_backup_overdue_instances 1');
    expect(lines).toContain('lifeboat_backup_age_seconds{instance_id="i1",instance_label="web-1"} 100000');
    expect(lines).toContain('lifeboat_backup_failed_instances 4');
    expect(lines).toContain('lifeboat_store_stored_bytes{store="backups:eu-central"} 1024');
    expect(lines).toContain('lifeboat_metrics_collect_seconds 0.25');
    expect(lines).toContain('# TYPE lifeboat_signin_failures_total counter');
    expect(lines).toContain('lifeboat_signin_failures_total{reason="wrong_password"} 12');
    expect(lines).toContain('lifeboat_signin_failures_total{reason="throttled"} 0');
    // Every family says what it is, in words, and is named with the prefix.
    const families = lines.filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]);
    expect(families.length).toBeGreaterThan(10);
    for (const family of families) {
      expect(family).toMatch(/^lifeboat_/);
      expect(lines.some((l) => l.startsWith(`# HELP ${family} `) && l.length > `# HELP ${family} `.length + 10)).toBe(
        true,
      );
    }
  });

  it('writes no series for what has none (no job kind yet, no overdue instance)', async () => {
    const text = await factsRegistry({ ...facts, tally: [], activeJobs: [], overdueNamed: [] }, 0).metrics();
    expect(text).not.toMatch(/^lifeboat_jobs_finished_total\{/m);
    expect(text).not.toMatch(/^lifeboat_backup_age_seconds\{/m);
    expect(text).toContain('# TYPE lifeboat_backup_age_seconds gauge');
  });
});
