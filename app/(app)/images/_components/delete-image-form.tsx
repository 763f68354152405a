'use client';

import { useKeptForm } from '@/components/use-kept-form';
import { FormField, FormMessage, inputClass, SubmitButton } from '@/components/form-field';
import { deleteImageAction } from '@/lib/actions/images';
import { initialState } from '@/lib/actions/state';

// Deleting asks for the image's exact label, as the service we model does for destructive acts.
export function DeleteImageForm({ imageId, label }: { imageId: string; label: string }) {
  const [state, action, pending] = useKeptForm(deleteImageAction, initialState);
  if (state.ok) return <FormMessage ok message={state.message} />;
  return (
    <form {...action} className="space-y-4">
      <p className="text-sm">This deletes the image for good. Instances deployed from it are not affected.</p>
      <input type="hidden" name="imageId" value={imageId} />
      <FormField id={`confirm-${imageId}`} label={`Type ${label} to confirm`} errors={state.errors?.confirm}>
        <input
          id={`confirm-${imageId}`}
          name="confirm"
          autoComplete="off"
          className={inputClass}
          aria-describedby={`confirm-${imageId}-error`}
        />
      </FormField>
      <FormMessage message={state.errors?.confirm ? undefined : state.message} />
      <SubmitButton pending={pending} pendingText="Deleting…" variant="danger">
        Delete image
      </SubmitButton>
    </form>
  );
}
