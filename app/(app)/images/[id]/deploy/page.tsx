import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { readDeployForm } from '@/lib/data/images';
import { formatBytes } from '@/lib/domain/usage';
import { DeployForm } from '@/components/deploy-form';
import { deployImageAction } from '@/lib/actions/images';

export const metadata: Metadata = { title: 'Deploy from image' };

export default async function DeployPage({ params }: { params: Promise<{ id: string }> }) {
  const form = await readDeployForm((await params).id);
  if (!form) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/images" className="text-brand-700 underline">
          Images
        </Link>{' '}
        <span aria-hidden="true">/</span> {form.image.label}
      </nav>
      <h1 className="text-2xl font-semibold">Deploy a new instance from {form.image.label}</h1>
      <p className="mt-1 text-sm text-slate-600">
        The image is {formatBytes(form.image.sizeBytes)}; plans with a smaller disk cannot hold it.
      </p>
      {form.image.status !== 'available' ? (
        <p role="alert" className="mt-4 text-red-800">
          This image is {form.image.status}; only an available image can be deployed.
        </p>
      ) : form.teams.length === 0 ? (
        <p role="alert" className="mt-4 text-red-800">
          You are not a member of any team you could deploy into.
        </p>
      ) : (
        <DeployForm
          deploy={deployImageAction}
          form={{
            source: { name: 'imageId', value: form.image.id },
            teams: form.teams,
            defaultTeamId: form.defaultTeamId,
            regions: form.regions,
            defaultRegion: form.image.region,
            plans: form.plans,
            needsRootPassword: form.needsRootPassword,
          }}
        />
      )}
    </>
  );
}
