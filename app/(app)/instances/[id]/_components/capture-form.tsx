'use client';

import Link from 'next/link';
import { useKeptForm } from '@/components/use-kept-form';
import { FormField, FormMessage, inputClass, SubmitButton } from '@/components/form-field';
import { useDialogClose } from '@/components/dialog';
import { JobProgress } from '@/components/job-progress';
import { captureImageAction } from '@/lib/actions/images';
import { initialState } from '@/lib/actions/state';
import type { CaptureCheck } from '@/lib/domain/images';
import { JOB_NAMES } from '@/lib/domain/progress';

type Props = {
  instanceId: string;
  disk: { id: string; label: string };
  defaultLabel: string;
  check: CaptureCheck;
  note?: string | null;
};

// The capture form. A refusal known before submitting (over the ceiling, 25 of 25) is shown
// instead of the form; the server checks again on submit either way.
export function CaptureForm({ instanceId, disk, defaultLabel, check, note }: Props) {
  const [state, action, pending] = useKeptForm(captureImageAction, initialState);
  const close = useDialogClose();

  if (state.ok && state.data) {
    const { jobId } = state.data as { jobId: string };
    return <JobProgress jobId={jobId} />;
  }
  if (!check.ok) {
    return (
      <div role="alert" className="space-y-3 text-sm">
        <p>{check.message}</p>
        {check.reason === 'over_ceiling' && (
          <a href="#backups" onClick={close} className="inline-block font-medium text-brand-700 underline">
            Take a backup snapshot instead
          </a>
        )}
        {check.reason === 'image_limit' && (
          <Link href="/images" className="inline-block font-medium text-brand-700 underline">
            Choose images to delete
          </Link>
        )}
      </div>
    );
  }
  return (
    <form {...action} className="space-y-4">
      {note && (
        <p
          role="note"
          data-testid="capture-note"
          className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950"
        >
          {note}
        </p>
      )}
      <input type="hidden" name="instanceId" value={instanceId} />
      <FormField id="capture-disk" label="Disk" errors={state.errors?.diskId}>
        <select
          id="capture-disk"
          name="diskId"
          className={inputClass}
          aria-describedby="capture-disk-error"
          defaultValue={disk.id}
        >
          <option value={disk.id}>{disk.label} (primary)</option>
        </select>
      </FormField>
      <FormField id="capture-label" label="Label" errors={state.errors?.label}>
        <input
          id="capture-label"
          name="label"
          defaultValue={defaultLabel}
          maxLength={50}
          required
          className={inputClass}
          aria-describedby="capture-label-error"
        />
      </FormField>
      <FormField id="capture-description" label="Description (optional)" errors={state.errors?.description}>
        <textarea
          id="capture-description"
          name="description"
          rows={3}
          className={inputClass}
          aria-describedby="capture-description-error"
        />
      </FormField>
      <FormMessage ok={state.ok} message={state.ok ? undefined : state.message} />
      <SubmitButton pending={pending} pendingText="Starting…">
        {JOB_NAMES.capture}
      </SubmitButton>
    </form>
  );
}
