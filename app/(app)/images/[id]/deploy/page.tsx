import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DeployPage } from '@/components/deploy-page';
import { deployImageAction } from '@/lib/actions/images';
import { readDeployForm } from '@/lib/data/images';
import { formatBytes } from '@/lib/domain/usage';

export const metadata: Metadata = { title: 'Deploy from image' };

export default async function DeployImagePage({ params }: { params: Promise<{ id: string }> }) {
  const form = await readDeployForm((await params).id);
  if (!form) notFound();
  const { image } = form;
  return (
    <DeployPage
      crumb={{ href: '/images', label: 'Images', here: image.label }}
      title={`Deploy a new instance from ${image.label}`}
      about={`The image is ${formatBytes(image.sizeBytes)}; plans with a smaller disk cannot hold it.`}
      refusal={
        image.status === 'available' ? null : `This image is ${image.status}; only an available image can be deployed.`
      }
      deploy={deployImageAction}
      source={{ name: 'imageId', value: image.id }}
      choices={form}
      region={{ default: image.region }}
    />
  );
}
