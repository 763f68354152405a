import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { JobProgress } from '@/components/job-progress';
import { TableSkeleton } from '@/components/skeleton';
import { StatusBadge } from '@/components/status-badge';
import { UsageBar } from '@/components/usage-bar';
import { readInstanceDetail } from '@/lib/data/instances';
import { formatMoney } from '@/lib/domain/images';
import { descriptorOf } from '@/lib/providers/kinds';
import { formatBytes, formatGiB } from '@/lib/domain/usage';
import { AssignTeamForm } from './_components/assign-team-form';
import { BackupsSection } from './_components/backups-section';
import { DeleteInstanceSection } from './_components/delete-instance';
import { ImagesSection } from './_components/images-section';

export const metadata: Metadata = { title: 'Instance' };

export default async function InstancePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const instance = await readInstanceDetail(id);
  // Another team's instance reads as missing: its existence is not the caller's business.
  if (!instance) notFound();
  const primary = instance.disks.find((d) => d.kind === 'primary');
  const provider = descriptorOf(instance.account.kind);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/instances" className="text-brand-700 underline">
          Instances
        </Link>{' '}
        <span aria-hidden="true">/</span> {instance.label}
      </nav>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{instance.label}</h1>
        <StatusBadge status={instance.status} />
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-600">Region</dt>
          <dd className="font-medium">{instance.region}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Plan</dt>
          <dd className="font-medium">
            {instance.plan
              ? `${instance.plan.label} · ${formatMoney(instance.plan.pricePerMonth)}/mo`
              : instance.planId}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Team</dt>
          <dd className="font-medium">{instance.team}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Backups</dt>
          <dd className="font-medium">
            {instance.backupsEnabled ? 'On' : 'Off'}
            {instance.plan?.backupPricePerMonth != null
              ? ` · ${formatMoney(instance.plan.backupPricePerMonth)}/mo${instance.backupsEnabled ? '' : ' if enabled'}`
              : ''}
          </dd>
        </div>
        {instance.remote && (
          <>
            <div>
              <dt className="text-slate-600">Provider</dt>
              <dd className="font-medium">
                {instance.account.name} · {provider.copy.instanceName?.(instance.remote.id) ?? instance.remote.id}
              </dd>
            </div>
            <div className="col-span-2 sm:col-span-3">
              <dt className="text-slate-600">Tags</dt>
              <dd className="font-medium">{instance.remote.tags.length ? instance.remote.tags.join(', ') : 'None'}</dd>
            </div>
          </>
        )}
      </dl>
      {instance.teams && <AssignTeamForm instanceId={instance.id} teamId={instance.teamId} teams={instance.teams} />}

      {instance.activeJob && (
        <section aria-label="Operation in progress" className="mt-4">
          <JobProgress jobId={instance.activeJob.id} initial={instance.activeJob} />
        </section>
      )}

      {primary?.basis === 'used' && primary.usage.level === 'over' && (
        <div role="note" className="mt-4 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          <strong>Over the image ceiling.</strong> The primary disk holds{' '}
          {formatGiB(primary.usedBytes, instance.account.ceilingBytes)} GiB of data; manual images are limited to{' '}
          {formatGiB(instance.account.ceilingBytes)} GiB on the {instance.account.name} account. A backup snapshot has
          no such limit.
        </div>
      )}

      <section aria-labelledby="disks-heading" className="mt-6">
        <h2 id="disks-heading" className="text-lg font-semibold">
          Disks
        </h2>
        {instance.diskBasis === 'allocated' ? (
          <p className="text-sm text-slate-600">
            {provider.label}&apos;s API reports each disk&apos;s allocated size, not how much data is on it, so the
            sizes below are allocations. Manual images are limited to {formatGiB(instance.account.ceilingBytes)} GiB of
            data and {instance.account.imageLimit} images per account; {provider.label} checks the data size when it
            captures.
          </p>
        ) : (
          <p className="text-sm text-slate-600">
            Used space is measured on the disk itself. Manual images are limited to{' '}
            {formatGiB(instance.account.ceilingBytes)} GiB of used data and {instance.account.imageLimit} images per
            account.
          </p>
        )}
        <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th scope="col" className="px-4 py-2">
                  Disk
                </th>
                <th scope="col" className="px-4 py-2">
                  Type
                </th>
                <th scope="col" className="px-4 py-2">
                  Size
                </th>
                <th scope="col" className="px-4 py-2">
                  Used against the image ceiling
                </th>
              </tr>
            </thead>
            <tbody>
              {instance.disks.map((disk) => (
                <tr key={disk.id} className="border-b border-slate-100 last:border-0" data-testid="disk-row">
                  <td className="px-4 py-3 font-medium">{disk.label}</td>
                  <td className="px-4 py-3">{disk.kind === 'primary' ? 'Primary' : 'Swap'}</td>
                  <td className="px-4 py-3">{formatBytes(disk.sizeBytes)}</td>
                  <td className="px-4 py-3">
                    {disk.kind === 'primary' ? (
                      <UsageBar
                        usage={disk.usage}
                        basis={disk.basis}
                        reportedBy={provider.label}
                        label={`Usage of ${disk.label}`}
                        measured={disk.source ? `${disk.measured} · ${disk.source}` : disk.measured}
                      />
                    ) : (
                      <span>
                        {formatBytes(disk.usedBytes)} {disk.basis === 'allocated' ? 'allocated' : 'used'} · swap disks
                        are not captured as images
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {/* The capture check measures the disk, the slowest read of the page: the rest is sent
          first and the images section follows when it is ready. The backups section stays in
          the first answer (its reads are quick, and it is often the largest text on screen). */}
      <Suspense fallback={<SectionSkeleton label="Loading images…" />}>
        <ImagesSection instanceId={instance.id} busy={instance.activeJob !== null} />
      </Suspense>

      <BackupsSection instanceId={instance.id} busy={instance.activeJob !== null} />

      {instance.deletion && (
        <DeleteInstanceSection
          instanceId={instance.id}
          label={instance.label}
          facts={instance.deletion}
          remoteNote={instance.remote ? provider.copy.deletesRemote?.(instance.remote.id) : undefined}
          busy={instance.activeJob !== null || !['running', 'offline'].includes(instance.status)}
        />
      )}
    </>
  );
}

function SectionSkeleton({ label }: { label: string }) {
  return (
    <div className="mt-8">
      <TableSkeleton rows={1} label={label} />
    </div>
  );
}
