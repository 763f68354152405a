import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { readMetricsToken } from '@/lib/data/metrics';
import { ScrapeToken } from './_components/scrape-token';

export const metadata: Metadata = { title: 'Metrics' };

const SCRAPE_CONFIG = `scrape_configs:
  - job_name: lifeboat
    scrape_interval: 60s
    metrics_path: /metrics
    authorization:
      credentials_file: /etc/prometheus/lifeboat-token
    static_configs:
      - targets: ['lifeboat.example.com:3000']`;

// Prometheus' way in: the scrape token (made here, shown once) and how to use it.
export default async function MetricsPage() {
  const token = await readMetricsToken();
  if (!token) notFound();
  return (
    <>
      <h1 className="text-2xl font-semibold">Metrics</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Prometheus can read this installation&apos;s figures at <code>/metrics</code>: jobs by kind and status, how long
        they take, how old each instance&apos;s backups are, overdue and failed backups, the size of each store and
        refused sign-ins. Every scrape must send the token made here as <code>Authorization: Bearer …</code>.
      </p>
      <ScrapeToken token={token} />
      {token.env !== 'unset' && (
        <p className="mt-4 max-w-3xl text-sm" data-testid="metrics-env-token">
          {token.env === 'set'
            ? 'LIFEBOAT_METRICS_TOKEN is set in this host’s environment: scrapes with that token are accepted too.'
            : 'LIFEBOAT_METRICS_TOKEN is set in this host’s environment but is shorter than 32 characters, so it is ignored.'}
        </p>
      )}
      <section aria-labelledby="scrape-config" className="mt-6 max-w-3xl">
        <h2 id="scrape-config" className="text-lg font-semibold">
          Prometheus configuration
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Put the token alone in a file Prometheus can read, and scrape this host (a minute apart is plenty: the figures
          are read from the database at each scrape).
        </p>
        <pre className="mt-2 whitespace-pre-wrap rounded-md bg-slate-900 p-3 text-sm text-slate-100">
          {SCRAPE_CONFIG}
        </pre>
      </section>
    </>
  );
}
