import type { Metadata } from 'next';
import Link from 'next/link';
import { DialogButton } from '@/components/dialog';
import { DownloadDialog } from '@/components/download-dialog';
import { JobProgress } from '@/components/job-progress';
import { LocalTime } from '@/components/local-time';
import { readImages, readUploadForm } from '@/lib/data/images';
import { formatMoney, formatUnitPrice } from '@/lib/domain/images';
import { formatBytes } from '@/lib/domain/usage';
import { DeleteImageForm } from './_components/delete-image-form';
import { EditImageForm } from './_components/edit-image-form';
import { UploadImageForm } from './_components/upload-image-form';
import { JOB_NAMES } from '@/lib/domain/progress';
import { Table, tableFrame } from '@/components/table';

export const metadata: Metadata = { title: 'Images' };

export default async function ImagesPage() {
  const [{ images, accounts, storedBytes, monthlyCost, pricePerGbMonth }, upload] = await Promise.all([
    readImages(),
    readUploadForm(),
  ]);
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Images</h1>
        <div className="flex flex-wrap items-center gap-4">
          <p className="text-sm" data-testid="image-count">
            {accounts.map((a) => `${a.name}: ${a.label}`).join(' · ')}
          </p>
          {upload && (
            <DialogButton label={JOB_NAMES.upload} title="Upload a disk image" testId="upload-image">
              {upload.refusal ? (
                <p role="alert" className="text-sm">
                  {upload.refusal}
                </p>
              ) : (
                <UploadImageForm teams={upload.teams} regions={upload.regions} maxBytes={upload.maxBytes} />
              )}
            </DialogButton>
          )}
        </div>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {formatBytes(storedBytes)} stored after deduplication and compression · {formatMoney(monthlyCost)}/month at{' '}
        {pricePerGbMonth === null ? "each account's price" : formatUnitPrice(pricePerGbMonth)} per GB-month. Capture an
        image from an instance&apos;s page, or upload a raw or qcow2 disk image file.
      </p>
      {images.length === 0 ? (
        <div className="mt-4 rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <h2 className="text-lg font-semibold">No images yet</h2>
          <p className="mt-1 text-slate-600">
            Open an instance and choose “{JOB_NAMES.capture}” to copy its primary disk.
          </p>
          <Link href="/instances" className="mt-4 inline-block font-medium text-brand-700 underline">
            Go to instances
          </Link>
        </div>
      ) : (
        <Table
          className={tableFrame('mt-4')}
          columns={['Label', 'Status', 'Size', 'Stored', 'Source', 'Created', 'Cost', 'Actions']}
        >
          {images.map((image) => (
            <tr key={image.id} className="border-b border-slate-100 align-top last:border-0" data-testid="image-row">
              <td className="px-3 py-3">
                <div className="font-medium">{image.label}</div>
                {image.description && (
                  <div className="max-w-56 truncate text-xs text-slate-600">{image.description}</div>
                )}
              </td>
              <td className="px-3 py-3">
                <span data-testid="image-status">{image.status}</span>
                {image.status === 'failed' && image.failureReason && (
                  <div className="text-xs text-red-800">{image.failureReason}</div>
                )}
                {image.status === 'creating' && image.jobId && (
                  <div className="mt-2 min-w-56">
                    <JobProgress jobId={image.jobId} />
                  </div>
                )}
              </td>
              <td className="px-3 py-3">
                {formatBytes(image.dataBytes)} data
                <div className="text-xs text-slate-600">disk {formatBytes(image.sizeBytes)}</div>
              </td>
              <td className="px-3 py-3">
                {formatBytes(image.storedBytes)}
                <div className="text-xs text-slate-600">{formatBytes(image.newBytes)} new</div>
              </td>
              <td className="px-3 py-3">
                {image.sourceInstanceId ? (
                  <Link href={`/instances/${image.sourceInstanceId}`} className="text-brand-700 underline">
                    {image.source}
                  </Link>
                ) : (
                  image.source
                )}
                <div className="text-xs text-slate-600">{image.team}</div>
              </td>
              <td className="px-3 py-3">
                {image.createdByName}
                <div className="text-xs text-slate-600">
                  <LocalTime iso={image.createdAt} />
                </div>
              </td>
              <td className="px-3 py-3">{formatMoney(image.monthlyCost)}/mo</td>
              <td className="px-3 py-3">
                <div className="flex flex-wrap gap-2">
                  {image.downloadable && (
                    <DownloadDialog
                      href={`/api/images/${image.id}/download`}
                      what={image.label}
                      sizeBytes={image.sizeBytes}
                    />
                  )}
                  {image.writable && image.status === 'available' && (
                    <Link
                      href={`/images/${image.id}/deploy`}
                      className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
                    >
                      {JOB_NAMES.deployImage}
                    </Link>
                  )}
                  {image.writable && (
                    <DialogButton label="Edit" title={`Edit ${image.label}`}>
                      <EditImageForm image={image} />
                    </DialogButton>
                  )}
                  {image.writable && image.status !== 'creating' && (
                    <DialogButton label="Delete" title={`Delete ${image.label}`} variant="danger">
                      <DeleteImageForm imageId={image.id} label={image.label} />
                    </DialogButton>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
