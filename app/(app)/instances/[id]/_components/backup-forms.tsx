'use client';

import { useTransition } from 'react';
import { useKeptForm } from '@/components/use-kept-form';
import { FormField, FormMessage, inputClass, SubmitButton } from '@/components/form-field';
import { Emphasised } from '@/components/emphasised';
import { JobProgress } from '@/components/job-progress';
import {
  cancelBackupsAction,
  enableBackupsAction,
  restoreAction,
  snapshotAction,
  verifyBackupAction,
} from '@/lib/actions/backups';
import { initialState } from '@/lib/actions/state';
import { JOB_NAMES } from '@/lib/domain/progress';
import { useCloseOnSuccess } from '@/components/dialog';
import { formatMoney } from '@/lib/domain/images';

// The small forms of the backups tab; each posts to its server action and shows its state.

export function EnableBackupsForm({ instanceId, price }: { instanceId: string; price: number | null }) {
  const [state, action, pending] = useKeptForm(enableBackupsAction, initialState);
  // Done once enabled: the dialog closes (the section re-renders with the snapshot button).
  useCloseOnSuccess(state.ok);
  return (
    <form {...action} className="space-y-3">
      <input type="hidden" name="instanceId" value={instanceId} />
      <p className="text-sm">
        Backups are taken daily in a 2-hour window, kept as daily, weekly and biweekly copies, plus one manual snapshot.
        {price !== null && (
          <>
            {' '}
            They cost <strong>{formatMoney(price)} per month</strong> for this plan.
          </>
        )}
      </p>
      <FormMessage ok={state.ok} message={state.message} />
      <SubmitButton pending={pending} pendingText="Enabling…">
        Enable backups{price !== null ? ` for ${formatMoney(price)}/mo` : ''}
      </SubmitButton>
    </form>
  );
}

export function CancelBackupsForm({ instanceId, label }: { instanceId: string; label: string }) {
  const [state, action, pending] = useKeptForm(cancelBackupsAction, initialState);
  if (state.ok) return <FormMessage ok message={state.message} />;
  return (
    <form {...action} className="space-y-3">
      <input type="hidden" name="instanceId" value={instanceId} />
      <p className="text-sm">
        Cancelling deletes <strong>every backup of this instance, the snapshot included</strong>. This cannot be undone.
      </p>
      <FormField id="cancel-confirm" label={`Type ${label} to confirm`} errors={state.errors?.confirm}>
        <input
          id="cancel-confirm"
          name="confirm"
          autoComplete="off"
          className={inputClass}
          aria-describedby="cancel-confirm-error"
        />
      </FormField>
      <FormMessage message={state.errors?.confirm ? undefined : state.message} />
      <SubmitButton pending={pending} pendingText="Cancelling…" variant="danger">
        Cancel backups and delete them
      </SubmitButton>
    </form>
  );
}

export function SnapshotForm({ instanceId, hasSnapshot }: { instanceId: string; hasSnapshot: boolean }) {
  const [state, action, pending] = useKeptForm(snapshotAction, initialState);
  if (state.ok && state.data) return <JobProgress jobId={(state.data as { jobId: string }).jobId} />;
  return (
    <form {...action} className="space-y-3">
      <input type="hidden" name="instanceId" value={instanceId} />
      <p className="text-sm">
        A snapshot has no size limit and does not count against the image limit.
        {hasSnapshot && <strong> It replaces the current snapshot once it succeeds.</strong>}
      </p>
      <FormField id="snapshot-label" label="Snapshot label" errors={state.errors?.label}>
        <input
          id="snapshot-label"
          name="label"
          maxLength={255}
          className={inputClass}
          aria-describedby="snapshot-label-error"
        />
      </FormField>
      <FormMessage message={state.message} />
      <SubmitButton pending={pending} pendingText="Starting…">
        {hasSnapshot ? `${JOB_NAMES.snapshot} (replaces the current one)` : JOB_NAMES.snapshot}
      </SubmitButton>
    </form>
  );
}

type RestoreProps = {
  backupId: string;
  instance: { id: string; label: string };
  targets: { id: string; label: string }[];
  /** What the restore does to the chosen instance, in the provider's terms. */
  note: string;
};

export function RestoreForm({ backupId, instance, targets, note }: RestoreProps) {
  const [state, action, pending] = useKeptForm(restoreAction, initialState);
  if (state.ok && state.data) return <JobProgress jobId={(state.data as { jobId: string }).jobId} />;
  return (
    <form {...action} className="space-y-3">
      <input type="hidden" name="backupId" value={backupId} />
      <FormField id={`target-${backupId}`} label="Restore onto" errors={state.errors?.targetInstanceId}>
        <select
          id={`target-${backupId}`}
          name="targetInstanceId"
          defaultValue={instance.id}
          className={inputClass}
          aria-describedby={`target-${backupId}-error`}
        >
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.id === instance.id ? `${t.label} (this instance)` : t.label}
            </option>
          ))}
        </select>
      </FormField>
      <p className="text-sm">
        <Emphasised text={note} /> It is busy while restoring.
      </p>
      <FormField
        id={`restore-confirm-${backupId}`}
        label="Type the chosen instance's label to confirm"
        errors={state.errors?.confirm}
      >
        <input
          id={`restore-confirm-${backupId}`}
          name="confirm"
          autoComplete="off"
          className={inputClass}
          aria-describedby={`restore-confirm-${backupId}-error`}
        />
      </FormField>
      <FormMessage message={state.errors?.confirm ? undefined : state.message} />
      <SubmitButton pending={pending} pendingText="Starting…" variant="danger">
        {JOB_NAMES.restore}
      </SubmitButton>
    </form>
  );
}

export function VerifyButton({ backupId }: { backupId: string }) {
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() =>
        start(async () => {
          await verifyBackupAction(initialState, { backupId });
        })
      }
      className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60"
    >
      {pending ? 'Verifying…' : JOB_NAMES.verify}
    </button>
  );
}
