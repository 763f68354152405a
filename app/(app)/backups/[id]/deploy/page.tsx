import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DeployPage } from '@/components/deploy-page';
import { deployBackupAction } from '@/lib/actions/backups';
import { readBackupDeployForm } from '@/lib/data/backups';
import { formatBytes } from '@/lib/domain/usage';

export const metadata: Metadata = { title: 'Deploy from backup' };

export default async function DeployBackupPage({ params }: { params: Promise<{ id: string }> }) {
  const form = await readBackupDeployForm((await params).id);
  if (!form) notFound();
  const { backup } = form;
  return (
    <DeployPage
      crumb={{ href: '/instances', label: 'Instances', here: backup.instanceLabel }}
      title={`Deploy a new instance from the ${backup.slot} backup of ${backup.instanceLabel}`}
      about={`The backup is of a ${formatBytes(backup.sizeBytes)} disk; plans with a smaller disk cannot hold it.`}
      refusal={backup.usable ? null : 'Only a successful backup that passed verification can be deployed.'}
      deploy={deployBackupAction}
      source={{ name: 'backupId', value: backup.id }}
      choices={form}
      region={{ default: form.regions[0]?.id ?? '', fixed: true }}
    />
  );
}
