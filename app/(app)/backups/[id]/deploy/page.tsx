import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DeployForm } from '@/components/deploy-form';
import { deployBackupAction } from '@/lib/actions/backups';
import { readBackupDeployForm } from '@/lib/data/backups';
import { formatBytes } from '@/lib/domain/usage';

export const metadata: Metadata = { title: 'Deploy from backup' };

export default async function DeployBackupPage({ params }: { params: Promise<{ id: string }> }) {
  const form = await readBackupDeployForm((await params).id);
  if (!form) notFound();
  const title = `Deploy a new instance from the ${form.backup.slot} backup of ${form.backup.instanceLabel}`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/instances" className="text-brand-700 underline">
          Instances
        </Link>{' '}
        <span aria-hidden="true">/</span> {form.backup.instanceLabel}
      </nav>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-1 text-sm text-slate-600">
        The backup is of a {formatBytes(form.backup.sizeBytes)} disk; plans with a smaller disk cannot hold it.
      </p>
      {!form.backup.usable ? (
        <p role="alert" className="mt-4 text-red-800">
          Only a successful backup that passed verification can be deployed.
        </p>
      ) : form.teams.length === 0 ? (
        <p role="alert" className="mt-4 text-red-800">
          You are not a member of any team you could deploy into.
        </p>
      ) : (
        <DeployForm
          deploy={deployBackupAction}
          form={{
            source: { name: 'backupId', value: form.backup.id },
            teams: form.teams,
            defaultTeamId: form.defaultTeamId,
            regions: form.regions,
            fixedRegion: true,
            defaultRegion: form.regions[0].id,
            plans: form.plans,
          }}
        />
      )}
    </>
  );
}
