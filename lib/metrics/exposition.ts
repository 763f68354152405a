import { collectDefaultMetrics, Gauge, Registry, type Metric } from 'prom-client';
import type { Db } from '@/lib/db/client';
import { OVERDUE_NAMED, readMetricFacts, type MetricFacts } from './facts';
import { durationSamples, tallyTotals, type Sample } from './tally';

// The text GET /metrics answers, in Prometheus' exposition format. Two registries of our own
// (never prom-client's global one): this process's (Node's default process metrics, the only
// figures that are one process's: with LIFEBOAT_WEB_PROCESSES > 1 they describe whichever
// process answered the scrape), kept for the life of the process, and one made afresh at each
// scrape from the database's figures (every count, sign-in failures included), so an instance
// or a job kind that is gone leaves no stale series behind.

const processStore = globalThis as unknown as { lifeboatProcessRegistry?: Registry };

function processRegistry(): Registry {
  if (!processStore.lifeboatProcessRegistry) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    processStore.lifeboatProcessRegistry = registry;
  }
  return processStore.lifeboatProcessRegistry;
}

type Row<L extends string> = { labels: Record<L, string | number>; value: number };

function gauge<L extends string>(registry: Registry, name: string, help: string, labelNames: L[], rows: Row<L>[]) {
  const g = new Gauge({ name, help, labelNames, registers: [registry] });
  for (const row of rows) {
    if (labelNames.length) g.set(row.labels, row.value);
    else g.set(row.value);
  }
}

/**
 * A counter or histogram counted elsewhere (the JobTally rows, which only grow), so that rate()
 * and increase() apply to it. prom-client's Counter and Histogram can only count what this
 * process observes; its registry writes out any metric as the name, help, type and samples its
 * get() answers, and that is all this is.
 */
function counted(registry: Registry, type: 'counter' | 'histogram', name: string, help: string, values: Sample[]) {
  const metric = {
    name,
    help,
    type,
    aggregator: 'sum',
    get: async () => ({ name, help, type, aggregator: 'sum', values }),
  };
  registry.registerMetric(metric as unknown as Metric);
}

/** The scrape's registry from the database's figures. A plain function of them. */
export function factsRegistry(facts: MetricFacts, collectSeconds: number): Registry {
  const r = new Registry();
  gauge(
    r,
    'lifeboat_jobs_active',
    'Jobs waiting or running now, by kind and status.',
    ['kind', 'status'],
    facts.activeJobs.map((j) => ({ labels: { kind: j.kind, status: j.status }, value: j.count })),
  );
  const totals = tallyTotals(facts.tally);
  const ended = (value: (t: (typeof totals)[number]) => number) =>
    totals.map((t) => ({ labels: { kind: t.kind, status: t.status }, value: value(t) }));
  counted(
    r,
    'counter',
    'lifeboat_jobs_finished_total',
    'Jobs that ended, by kind and how they ended (succeeded, failed or cancelled).',
    ended((t) => t.count),
  );
  counted(
    r,
    'counter',
    'lifeboat_job_bytes_total',
    'Bytes that ended jobs went through (as their progress counted them), by kind and how they ended.',
    ended((t) => t.bytes),
  );
  counted(
    r,
    'histogram',
    'lifeboat_job_duration_seconds',
    'How long ended jobs took, from their last start to their end, by kind and how they ended.',
    durationSamples('lifeboat_job_duration_seconds', totals),
  );
  gauge(
    r,
    'lifeboat_backups_enabled_instances',
    'Instances with the backup service on.',
    [],
    [{ labels: {}, value: facts.backupsEnabled }],
  );
  gauge(
    r,
    'lifeboat_backup_older_than_instances',
    'Backup-enabled instances whose newest successful backup is older than this many seconds, or that have none.',
    ['older_than_seconds'],
    facts.backupOlderThan.map((b) => ({ labels: { older_than_seconds: b.seconds }, value: b.count })),
  );
  gauge(
    r,
    'lifeboat_backup_overdue_instances',
    'Backup-enabled instances with no successful backup in the last 26 hours (counted from enabling when that is more recent).',
    [],
    [{ labels: {}, value: facts.overdue }],
  );
  gauge(
    r,
    'lifeboat_backup_age_seconds',
    `Seconds since the newest successful backup (since enabling, for one that has none), of overdue instances only: at most ${OVERDUE_NAMED} of them.`,
    ['instance_id', 'instance_label'],
    facts.overdueNamed.map((o) => ({ labels: { instance_id: o.id, instance_label: o.label }, value: o.seconds })),
  );
  gauge(
    r,
    'lifeboat_backup_failed_instances',
    'Backup-enabled instances with a failed backup in the last 26 hours.',
    [],
    [{ labels: {}, value: facts.failedRecently }],
  );
  const store = (value: (s: MetricFacts['stores'][number]) => number) =>
    facts.stores.map((s) => ({ labels: { store: s.store }, value: value(s) }));
  gauge(
    r,
    'lifeboat_store_copies',
    'Images or backups complete in each chunk store.',
    ['store'],
    store((s) => s.copies),
  );
  gauge(
    r,
    'lifeboat_store_data_bytes',
    'Data in the copies each chunk store holds, before deduplication and compression.',
    ['store'],
    store((s) => s.dataBytes),
  );
  gauge(
    r,
    'lifeboat_store_stored_bytes',
    'What the copies each chunk store holds added to it when written, after deduplication and compression: close to its size, without listing it.',
    ['store'],
    store((s) => s.storedBytes),
  );
  counted(
    r,
    'counter',
    'lifeboat_signin_failures_total',
    'Sign-ins refused, by reason (throttled: too many failures first), counted by every web server on the database.',
    facts.signInFailures.map((f) => ({ labels: { reason: f.reason }, value: f.count })),
  );
  gauge(
    r,
    'lifeboat_metrics_collect_seconds',
    'How long this scrape took to read its figures from the database.',
    [],
    [{ labels: {}, value: collectSeconds }],
  );
  return r;
}

/** The whole answer to a scrape: this process's metrics and the database's, as one text. */
export async function metricsText(db: Db, now = new Date()) {
  const started = performance.now();
  const facts = await readMetricFacts(db, now);
  const registry = factsRegistry(facts, (performance.now() - started) / 1000);
  const merged = Registry.merge([processRegistry(), registry]);
  return { text: await merged.metrics(), contentType: merged.contentType };
}
