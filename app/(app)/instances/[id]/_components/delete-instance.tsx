'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { DialogButton } from '@/components/dialog';
import { setFlash } from '@/components/flash';
import { FormField, FormMessage, inputClass, SubmitButton } from '@/components/form-field';
import { deleteInstanceAction } from '@/lib/actions/instances';
import { initialState, type ActionState } from '@/lib/actions/state';

// The instance page's danger zone: deleting the instance for good, with its exact label typed.
// The dialog says what goes (disks, backups, the snapshot) and what stays (images).

export type DeletionFacts = { disks: number; backups: number; snapshots: number; images: number };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function DeleteInstanceForm({
  instanceId,
  label,
  facts,
  remoteNote,
}: {
  instanceId: string;
  label: string;
  facts: DeletionFacts;
  /** What deleting it does at a remote provider too. */
  remoteNote?: string;
}) {
  const router = useRouter();
  // This page is gone once the action succeeds: the confirmation goes with the way to the list.
  const [state, action, pending] = useActionState(async (prev: ActionState, form: FormData) => {
    const next = await deleteInstanceAction(prev, form);
    if (next.ok && next.message) {
      setFlash(next.message);
      router.push('/instances');
    }
    return next;
  }, initialState);
  // Controlled, so a refused attempt keeps what was typed.
  const [typed, setTyped] = useState('');
  const goes = [
    plural(facts.disks, 'disk'),
    plural(facts.backups, 'automatic backup'),
    facts.snapshots ? 'its snapshot' : 'no snapshot',
  ];
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="instanceId" value={instanceId} />
      <p className="text-sm">
        Deleting <strong>{label}</strong> removes it for good, with{' '}
        <strong>
          {goes.slice(0, -1).join(', ')} and {goes.at(-1)}
        </strong>
        . This cannot be undone.
      </p>
      {remoteNote && <p className="text-sm">{remoteNote}</p>}
      <p className="text-sm">
        {facts.images
          ? `${plural(facts.images, 'image')} taken of it stay${facts.images === 1 ? 's' : ''}: images belong to the account, and show their source as deleted.`
          : 'Images taken of it would stay: they belong to the account.'}
      </p>
      <FormField id="delete-confirm" label={`Type ${label} to confirm`} errors={state.errors?.confirm}>
        <input
          id="delete-confirm"
          name="confirm"
          autoComplete="off"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          className={inputClass}
          aria-describedby="delete-confirm-error"
          aria-invalid={state.errors?.confirm ? true : undefined}
        />
      </FormField>
      <FormMessage ok={state.ok} message={state.errors?.confirm ? undefined : state.message} />
      <SubmitButton pending={pending || state.ok} pendingText="Deleting…" variant="danger">
        Delete {label}
      </SubmitButton>
    </form>
  );
}

export function DeleteInstanceSection({
  instanceId,
  label,
  facts,
  busy,
  remoteNote,
}: {
  instanceId: string;
  label: string;
  facts: DeletionFacts;
  busy: boolean;
  /** What deleting it does at a remote provider too. */
  remoteNote?: string;
}) {
  return (
    <section aria-labelledby="danger-heading" className="mt-8 rounded-lg border border-red-200 bg-white p-4">
      <h2 id="danger-heading" className="text-lg font-semibold text-red-900">
        Danger zone
      </h2>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700">
          {busy
            ? 'An operation is running on this instance: it can be deleted once that ends.'
            : 'Delete this instance with its disks and backups. Its images stay.'}
        </p>
        <DialogButton
          label="Delete instance"
          title={`Delete ${label}`}
          variant="danger"
          disabled={busy}
          testId="delete-instance"
        >
          <DeleteInstanceForm instanceId={instanceId} label={label} facts={facts} remoteNote={remoteNote} />
        </DialogButton>
      </div>
    </section>
  );
}
