import type { Metadata } from 'next';
import Link from 'next/link';
import { LocalTime } from '@/components/local-time';
import { RefreshWhileBusy } from '@/components/refresh-while-busy';
import { UsageBar } from '@/components/usage-bar';
import { readOverview } from '@/lib/data/instances';
import { formatMoney } from '@/lib/domain/images';
import { formatBytes } from '@/lib/domain/usage';
import { NoInstances } from './instances/_components/no-instances';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const o = await readOverview();
  const cards = [
    { label: 'Instances', value: o.total, href: '/instances' },
    { label: 'Running', value: o.running, href: '/instances?sort=status' },
    { label: 'Backups on', value: o.backupsOn, href: '/instances?sort=backups&dir=desc' },
    { label: 'Over the image ceiling', value: o.overCeilingCount, href: '/instances?sort=usage&dir=desc' },
  ];
  const more = [
    { label: 'Images', value: o.imageLimits.join(' · '), href: '/images' },
    {
      label: 'Image storage',
      value: `${formatBytes(o.storedBytes)} · ${formatMoney(o.storedCost)}/mo`,
      href: '/images',
    },
    { label: 'Operations queued or running', value: String(o.jobsRunning), href: '/activity' },
  ];
  return (
    <>
      <h1 className="text-2xl font-semibold">Overview</h1>
      <p className="text-slate-600">
        {o.caller.firstSignIn ? 'Welcome' : 'Welcome back'}, {o.caller.name}.
      </p>
      <RefreshWhileBusy jobIds={o.activeJobIds} />
      {o.total === 0 && (
        <div className="mt-4">
          <NoInstances guide={o.caller.guide} />
        </div>
      )}
      <ul className="mt-4 grid grid-cols-2 gap-4 md:grid-cols-4">
        {cards.map((c) => (
          <li key={c.label}>
            <Link
              href={c.href}
              className="block rounded-lg border border-slate-200 bg-white p-4 hover:border-slate-400"
            >
              <span className="block text-sm text-slate-600">{c.label}</span>
              <span className="block text-3xl font-semibold">{c.value.toLocaleString('en')}</span>
            </Link>
          </li>
        ))}
      </ul>
      <ul className="mt-4 grid grid-cols-1 gap-4 md:grid-cols-3">
        {more.map((c) => (
          <li key={c.label}>
            <Link
              href={c.href}
              className="block rounded-lg border border-slate-200 bg-white p-4 hover:border-slate-400"
            >
              <span className="block text-sm text-slate-600">{c.label}</span>
              <span className="block text-lg font-semibold">{c.value}</span>
            </Link>
          </li>
        ))}
      </ul>
      <section aria-labelledby="backup-problems-heading" className="mt-8">
        <h2 id="backup-problems-heading" className="text-lg font-semibold">
          Backups overdue or failing
        </h2>
        {o.backupProblemCount === 0 ? (
          <p className="mt-2 text-slate-600">
            {o.backupWaitingCount === 0
              ? 'Every instance with backups on has a successful backup from the last 26 hours.'
              : 'None. The instances below are waiting for their first backup.'}
          </p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {o.backupProblems.map((i) => (
              <li key={i.id} className="flex items-center justify-between gap-4 px-4 py-3">
                <Link href={`/instances/${i.id}#backups`} className="font-medium text-brand-700 underline">
                  {i.label}
                </Link>
                <span className={i.health === 'failed' ? 'font-medium text-red-800' : 'font-medium text-amber-900'}>
                  {i.health === 'failed' ? 'Last backup failed' : 'Overdue: no backup in 26 hours'}
                </span>
              </li>
            ))}
          </ul>
        )}
        <MoreLink shown={o.backupProblems.length} total={o.backupProblemCount} href="/instances?health=problem" />
      </section>
      {o.backupWaitingCount > 0 && (
        <section aria-labelledby="backup-waiting-heading" className="mt-8">
          <h2 id="backup-waiting-heading" className="text-lg font-semibold">
            Waiting for their first backup
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Backups are on but none has been taken yet; the first is due in the instance&apos;s next backup window.
          </p>
          <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {o.backupWaiting.map((i) => (
              <li
                key={i.id}
                className="flex flex-wrap items-center justify-between gap-4 px-4 py-3"
                data-testid="backup-waiting"
              >
                <Link href={`/instances/${i.id}#backups`} className="font-medium text-brand-700 underline">
                  {i.label}
                </Link>
                <span>
                  First backup due <LocalTime iso={i.dueAt} utc="beside" />
                </span>
              </li>
            ))}
          </ul>
          <MoreLink shown={o.backupWaiting.length} total={o.backupWaitingCount} href="/instances?health=waiting" />
        </section>
      )}
      <section aria-labelledby="policy-heading" className="mt-8">
        <h2 id="policy-heading" className="text-lg font-semibold">
          Instances without required backups
        </h2>
        {o.nonCompliantCount === 0 ? (
          <p className="mt-2 text-slate-600">Every instance of a team that requires backups has them on.</p>
        ) : (
          <ul
            className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
            aria-label="Instances without required backups"
          >
            {o.nonCompliant.map((i) => (
              <li key={i.id} className="flex items-center justify-between gap-4 px-4 py-3">
                <Link href={`/instances/${i.id}#backups`} className="font-medium text-brand-700 underline">
                  {i.label}
                </Link>
                <span className="font-medium text-amber-900">Team {i.team} requires backups; they are off</span>
              </li>
            ))}
          </ul>
        )}
        <MoreLink shown={o.nonCompliant.length} total={o.nonCompliantCount} href="/instances?health=required" />
      </section>
      {o.quotas.length > 0 && (
        <section aria-labelledby="quota-heading" className="mt-8">
          <h2 id="quota-heading" className="text-lg font-semibold">
            Team quotas
          </h2>
          <table className="mt-2 w-full rounded-lg border border-slate-200 bg-white text-sm" aria-label="Team quotas">
            <thead className="text-left text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2">
                  Team
                </th>
                <th scope="col" className="px-4 py-2">
                  Images
                </th>
                <th scope="col" className="px-4 py-2">
                  Instances
                </th>
              </tr>
            </thead>
            <tbody>
              {o.quotas.map((q) => (
                <tr key={q.id} className="border-t border-slate-100">
                  <td className="px-4 py-2 font-medium">{q.name}</td>
                  <td className="px-4 py-2">{q.images}</td>
                  <td className="px-4 py-2">{q.instances}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section aria-labelledby="over-heading" className="mt-8">
        <h2 id="over-heading" className="text-lg font-semibold">
          Instances over the image ceiling
        </h2>
        {o.overCeiling.length === 0 ? (
          <p className="mt-2 text-slate-600">
            {o.unmeasuredBy
              ? `Every measured primary disk fits a manual image. ${o.unmeasuredBy} reports only allocated sizes, and checks the data when it captures.`
              : 'Every primary disk fits a manual image.'}
          </p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {o.overCeiling.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-4 px-4 py-3">
                <Link href={`/instances/${i.id}`} className="font-medium text-brand-700 underline">
                  {i.label}
                </Link>
                <div className="w-64">
                  <UsageBar usage={i.usage} label={`Disk usage of ${i.label}`} />
                </div>
              </li>
            ))}
          </ul>
        )}
        <MoreLink shown={o.overCeiling.length} total={o.overCeilingCount} href="/instances?sort=usage&dir=desc" />
      </section>
    </>
  );
}

/** The line under a list that shows only its first rows: how many more, and where they all are. */
function MoreLink({ shown, total, href }: { shown: number; total: number; href: string }) {
  if (total <= shown) return null;
  return (
    <p className="mt-2 text-sm">
      And {(total - shown).toLocaleString('en')} more:{' '}
      <Link href={href} className="font-medium text-brand-700 underline">
        see the instance list
      </Link>
      .
    </p>
  );
}
