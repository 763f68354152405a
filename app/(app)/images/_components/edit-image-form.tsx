'use client';

import { useEffect } from 'react';
import { useKeptForm } from '@/components/use-kept-form';
import { useDialogClose } from '@/components/dialog';
import { FormField, FormMessage, inputClass, SubmitButton } from '@/components/form-field';
import { updateImageAction } from '@/lib/actions/images';
import { initialState } from '@/lib/actions/state';

export function EditImageForm({ image }: { image: { id: string; label: string; description: string } }) {
  const [state, action, pending] = useKeptForm(updateImageAction, initialState);
  const onDone = useDialogClose();
  useEffect(() => {
    if (state.ok) onDone();
  }, [state, onDone]);
  return (
    <form {...action} className="space-y-4">
      <input type="hidden" name="imageId" value={image.id} />
      <FormField id={`label-${image.id}`} label="Label" errors={state.errors?.label}>
        <input
          id={`label-${image.id}`}
          name="label"
          defaultValue={image.label}
          maxLength={50}
          className={inputClass}
          aria-describedby={`label-${image.id}-error`}
        />
      </FormField>
      <FormField id={`description-${image.id}`} label="Description" errors={state.errors?.description}>
        <textarea
          id={`description-${image.id}`}
          name="description"
          defaultValue={image.description}
          rows={4}
          className={inputClass}
          aria-describedby={`description-${image.id}-error`}
        />
      </FormField>
      <FormMessage ok={state.ok} message={state.message} />
      <SubmitButton pending={pending} pendingText="Saving…">
        Save
      </SubmitButton>
    </form>
  );
}
