'use client';

import { useKeptForm } from '@/components/use-kept-form';
import { DialogButton, useCloseOnSuccess } from '@/components/dialog';
import { FormMessage, SubmitButton } from '@/components/form-field';
import { initialState } from '@/lib/actions/state';
import { resetStoreAction } from '@/lib/actions/stores';
import type { StoreRow } from '@/lib/data/stores';
import { fieldId } from './key-choice';
import { ConfirmMove } from './confirm-move';

// Deletes the admin setting after a confirmation: the store is its default folder again, and
// what the current store holds stays where it is.
export function ResetStore({ store }: { store: StoreRow }) {
  return (
    <DialogButton
      label={`Reset ${store.label} to default`}
      title={`Reset ${store.label} to its default folder?`}
      variant="danger"
    >
      <ResetForm store={store} />
    </DialogButton>
  );
}

function ResetForm({ store }: { store: StoreRow }) {
  const [state, action, pending] = useKeptForm(resetStoreAction, initialState);
  useCloseOnSuccess(state.ok);
  const confirmId = `${fieldId(store.scope, 'reset-confirm')}-error`;
  return (
    <form {...action} className="space-y-4">
      <input type="hidden" name="scope" value={store.scope} />
      <p className="text-sm">
        The setting made here is deleted and the store goes back to{' '}
        <code className="break-all">{store.defaultUrl}</code>
        {store.encrypted ? ', without this key' : ''}.
      </p>
      {store.copies > 0 && (
        <ConfirmMove id={confirmId} errors={state.errors?.confirmMove}>
          I understand that the {store.copies} {store.copiesNoun} already in {store.url} stay there and are not moved.
        </ConfirmMove>
      )}
      <FormMessage ok={state.ok} message={state.message} />
      <SubmitButton pending={pending} pendingText="Resetting…" variant="danger">
        Yes, reset to the default folder
      </SubmitButton>
    </form>
  );
}
