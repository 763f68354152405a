import Link from 'next/link';
import { LocalTime } from '@/components/local-time';
import { StatusBadge } from '@/components/status-badge';
import { UsageBar } from '@/components/usage-bar';
import { readInstanceList } from '@/lib/data/instances';
import type { HealthFilter, InstanceListQuery, InstanceSort } from '@/lib/schemas/instances';
import { listHref, sortHref } from './list-url';
import { BulkEnableForm } from './bulk-enable';
import { NoInstances } from './no-instances';
import { Pagination } from './pagination';
import { RefreshWhileBusy } from '@/components/refresh-while-busy';

const HEALTH_WORDS: Record<HealthFilter, string> = {
  problem: 'overdue or failing',
  waiting: 'waiting for a first backup',
  required: 'required by their team but off',
};

const EMPTY_FILTER: Record<HealthFilter, string> = {
  problem: 'Every instance with backups on has a recent successful backup, or is waiting for its first.',
  waiting: 'No instance is waiting for its first backup.',
  required: 'Every instance of a team that requires backups has them on.',
};

const COLUMNS: { sort: InstanceSort; title: string }[] = [
  { sort: 'label', title: 'Label' },
  { sort: 'status', title: 'Status' },
  { sort: 'region', title: 'Region' },
  { sort: 'plan', title: 'Plan' },
  { sort: 'usage', title: 'Disk usage' },
  { sort: 'backups', title: 'Backups' },
];

export async function InstanceTable({ query }: { query: InstanceListQuery }) {
  const { items, total, page, pageCount, guide } = await readInstanceList(query);

  // Nothing at all is a different story from nothing matching the search or the filter.
  if (total === 0 && !query.q && !query.health) return <NoInstances guide={guide} />;
  if (total === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
        <h2 className="text-lg font-semibold">
          {query.q ? <>No instances match &quot;{query.q}&quot;</> : 'No instances'}
          {query.health && ` with backups ${HEALTH_WORDS[query.health]}`}
        </h2>
        <p className="mt-1 text-slate-600">
          {query.q
            ? 'Try another part of the label, or clear the search.'
            : query.health
              ? EMPTY_FILTER[query.health]
              : ''}
        </p>
        {/* A search is cleared first (the filter stays, said above); a filter alone is left for all. */}
        <Link
          href={listHref(query, query.q ? { q: '', page: 1 } : { health: null, page: 1 })}
          className="mt-4 inline-block font-medium text-brand-700 underline"
        >
          {query.q ? 'Clear search' : 'Show all instances'}
        </Link>
      </div>
    );
  }

  const busyJobs = items.flatMap((row) => (row.busyJobId ? [row.busyJobId] : []));
  // Only a caller who may change some row here gets the select column and the bulk button: a
  // viewer would see an empty column and a button that can never do anything.
  const bulk = items.some((r) => r.canWrite);
  const filtered = query.health && (
    <p className="mb-3 text-sm text-slate-700" data-testid="health-filter">
      Showing instances with backups {HEALTH_WORDS[query.health]}.{' '}
      <Link href={listHref(query, { health: null, page: 1 })} className="font-medium text-brand-700 underline">
        Show all instances
      </Link>
    </p>
  );
  const table = (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">
          Instances{query.health && ` with backups ${HEALTH_WORDS[query.health]}`}, sorted by {query.sort}{' '}
          {query.dir === 'asc' ? 'ascending' : 'descending'}; page {page} of {pageCount}
        </caption>
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            {bulk && (
              <th scope="col" className="px-4 py-2">
                <span className="sr-only">Select</span>
              </th>
            )}
            {COLUMNS.map((c) => {
              const active = query.sort === c.sort;
              return (
                <th
                  key={c.sort}
                  scope="col"
                  className="px-4 py-2 font-semibold"
                  aria-sort={active ? (query.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  <Link href={sortHref(query, c.sort)} className="inline-flex items-center gap-1 hover:underline">
                    {c.title}
                    <span aria-hidden="true">{active ? (query.dir === 'asc' ? '▲' : '▼') : ''}</span>
                    <span className="sr-only">
                      {active
                        ? `, sorted ${query.dir === 'asc' ? 'ascending' : 'descending'}; click to reverse`
                        : ', click to sort'}
                    </span>
                  </Link>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {items.map((row) => (
            <tr
              key={row.id}
              className={`border-b border-slate-100 last:border-0 ${row.usageBasis === 'used' && row.usage.level === 'over' ? 'bg-red-50/60' : ''}`}
              data-testid="instance-row"
            >
              {bulk && (
                <td className="px-4 py-3">
                  {row.canWrite && !row.backupsEnabled && (
                    <input
                      type="checkbox"
                      name="instanceIds"
                      value={row.id}
                      data-price={row.backupPrice ?? 0}
                      aria-label={`Select ${row.label}`}
                    />
                  )}
                </td>
              )}
              <td className="px-4 py-3">
                <Link
                  href={`/instances/${row.id}`}
                  data-testid="instance-label"
                  className="font-medium text-brand-700 underline-offset-2 hover:underline"
                >
                  {row.label}
                </Link>
                <div className="text-xs text-slate-600">{row.team}</div>
              </td>
              <td className="px-4 py-3">
                <StatusBadge status={row.status} />
              </td>
              <td className="px-4 py-3">{row.region}</td>
              <td className="px-4 py-3">{row.plan}</td>
              <td className="px-4 py-3">
                <UsageBar
                  usage={row.usage}
                  basis={row.usageBasis}
                  reportedBy={row.provider}
                  label={`Disk usage of ${row.label}`}
                  measured={row.measured}
                />
              </td>
              <td className="px-4 py-3">
                {row.backupHealth === 'off' && 'Off'}
                {row.backupHealth === 'ok' && 'On'}
                {row.backupHealth === 'waiting' && row.firstBackupDue && (
                  <span>
                    On · first backup due <LocalTime iso={row.firstBackupDue} />
                  </span>
                )}
                {row.backupHealth === 'overdue' && <span className="font-medium text-amber-900">On · overdue</span>}
                {row.backupHealth === 'failed' && (
                  <span className="font-medium text-red-800">On · last backup failed</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination query={query} page={page} pageCount={pageCount} total={total} shown={items.length} />
    </div>
  );
  return (
    <>
      <RefreshWhileBusy jobIds={busyJobs} />
      {filtered}
      {bulk ? (
        <BulkEnableForm selectable={items.some((r) => r.canWrite && !r.backupsEnabled)}>{table}</BulkEnableForm>
      ) : (
        table
      )}
    </>
  );
}
