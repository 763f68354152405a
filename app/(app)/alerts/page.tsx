import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { readAlerts } from '@/lib/data/alerts';
import { RefreshWhileBusy } from '@/components/refresh-while-busy';
import { DestinationCard } from './_components/destination-card';
import { AddDestinationForm } from './_components/add-destination-form';

export const metadata: Metadata = { title: 'Alerts' };

const section = 'mt-6 rounded-lg border border-slate-200 bg-white p-4';

// Where a team's alerts go (signed webhooks) and which events each destination gets, with what
// each delivery got back. Members and admins change them; viewers look.
export default async function AlertsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { team: teamId } = await searchParams;
  const view = await readAlerts(typeof teamId === 'string' ? teamId : undefined);
  if (!view) notFound();
  const { team, teams } = view;
  const queued =
    team?.destinations.flatMap((d) =>
      d.deliveries.filter((x) => x.status === 'queued' && x.jobId).map((x) => x.jobId!),
    ) ?? [];
  return (
    <>
      <h1 className="text-2xl font-semibold">Alerts</h1>
      <p className="mt-1 text-sm text-slate-600">
        Failed and overdue backups, damaged backups and failed captures, restores and deploys reach people here without
        anyone looking at the overview.
      </p>
      {teams.length > 1 && (
        <nav aria-label="Teams" className="mt-4 flex flex-wrap gap-2 text-sm">
          {teams.map((t) => (
            <Link
              key={t.id}
              href={`/alerts?team=${t.id}`}
              aria-current={t.id === team?.id ? 'page' : undefined}
              className={`rounded-md border px-3 py-1.5 ${t.id === team?.id ? 'border-brand-600 bg-emerald-50 font-semibold' : 'border-slate-300 hover:bg-slate-100'}`}
            >
              {t.name}
            </Link>
          ))}
        </nav>
      )}
      {!team ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">
          You are not in a team yet, so there are no alerts to set up.
        </p>
      ) : (
        <>
          <h2 className="mt-6 text-xl font-semibold">{team.name}</h2>
          {!team.canManage && (
            <p className="mt-1 text-sm text-slate-700" data-testid="viewer-note">
              You are a viewer of {team.name}: you see its alerts, and its members change them.
            </p>
          )}
          {team.destinations.length === 0 ? (
            <p className="mt-4 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
              {team.name} has no alert destinations yet{team.canManage ? ': add a webhook below.' : '.'}
            </p>
          ) : (
            team.destinations.map((d) => <DestinationCard key={d.id} destination={d} canManage={team.canManage} />)
          )}
          {team.canManage && (
            <section aria-labelledby="add-webhook-heading" className={section}>
              <h2 id="add-webhook-heading" className="mb-1 text-lg font-semibold">
                Add a webhook
              </h2>
              <p className="mb-3 text-sm text-slate-600">
                Lifeboat POSTs a JSON body signed as the Standard Webhooks specification says (headers webhook-id,
                webhook-timestamp and webhook-signature), and tries again for about two hours when the receiver does not
                answer with a 2xx.{' '}
                {team.allowPrivateTargets
                  ? 'Private and loopback addresses are allowed here.'
                  : 'Only public addresses are reached: loopback, private and link-local ones are refused.'}
              </p>
              <AddDestinationForm teamId={team.id} kind="webhook" />
            </section>
          )}
          {team.canManage && (
            <section aria-labelledby="add-email-heading" className={section}>
              <h2 id="add-email-heading" className="mb-1 text-lg font-semibold">
                Add an email address
              </h2>
              <p className="mb-3 text-sm text-slate-600" data-testid="email-note">
                {team.emailReady
                  ? 'Alerts are sent as plain-text email through the SMTP server an administrator set.'
                  : 'No SMTP server is set yet: an administrator sets one under Admin → Alerts. Until then email alerts fail and the log says why.'}
              </p>
              <AddDestinationForm teamId={team.id} kind="email" />
            </section>
          )}
        </>
      )}
      <RefreshWhileBusy jobIds={queued} />
    </>
  );
}
