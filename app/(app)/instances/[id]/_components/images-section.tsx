import Link from 'next/link';
import { DialogButton } from '@/components/dialog';
import { readCaptureForm, readInstanceImages } from '@/lib/data/images';
import { formatBytes } from '@/lib/domain/usage';
import { CaptureForm } from './capture-form';
import { JOB_NAMES } from '@/lib/domain/progress';

// Images captured from this instance, and the capture button (for those who may capture).
export async function ImagesSection({ instanceId, busy }: { instanceId: string; busy: boolean }) {
  const [images, form] = await Promise.all([readInstanceImages(instanceId), readCaptureForm(instanceId)]);
  return (
    <section aria-labelledby="images-heading" className="mt-8">
      <div className="flex items-center justify-between gap-4">
        <h2 id="images-heading" className="text-lg font-semibold">
          Images
        </h2>
        {/* Kept mounted while busy: the dialog may be showing the very capture that made it busy. */}
        {form?.canCapture && (
          <div className="flex items-center gap-3">
            {busy && <p className="text-sm text-slate-700">Busy: wait for the current operation to finish.</p>}
            <DialogButton
              label={JOB_NAMES.capture}
              title={JOB_NAMES.capture}
              variant="primary"
              testId="open-capture"
              disabled={busy}
            >
              <CaptureForm
                instanceId={instanceId}
                disk={form.disk}
                defaultLabel={form.defaultLabel}
                check={form.check}
                note={form.note}
              />
            </DialogButton>
          </div>
        )}
      </div>
      {images.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No images captured from this instance yet.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {images.map((image) => (
            <li key={image.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
              <span className="font-medium">{image.label}</span>
              <span>
                {image.status}
                {image.status === 'available' ? ` · ${formatBytes(image.dataBytes)} of data` : ''}
              </span>
              <Link href="/images" className="text-brand-700 underline">
                View in images
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
