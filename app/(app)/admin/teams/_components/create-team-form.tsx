'use client';

import Link from 'next/link';
import { useKeptForm } from '@/components/use-kept-form';
import { FormField, FormMessage, inputClass, SubmitButton } from '@/components/form-field';
import { initialState, type ActionState } from '@/lib/actions/state';
import { createTeamAction } from '@/lib/actions/teams';

export function CreateTeamForm() {
  const [state, action, pending] = useKeptForm(createTeamAction, initialState as ActionState<{ teamId: string }>);
  return (
    <form {...action} aria-labelledby="create-team-heading" className="flex flex-wrap items-start gap-4">
      <div className="w-full max-w-sm">
        <FormField
          id="new-team-name"
          label="Team name"
          hint="2-50 letters, digits, spaces and - _ . '"
          errors={state.errors?.name}
        >
          <input
            id="new-team-name"
            name="name"
            maxLength={50}
            autoComplete="off"
            required
            className={inputClass}
            aria-describedby="new-team-name-hint new-team-name-error"
          />
        </FormField>
      </div>
      <div className="flex flex-wrap items-center gap-4 pt-6">
        <SubmitButton pending={pending} pendingText="Creating…">
          Create team
        </SubmitButton>
        <FormMessage ok={state.ok} message={state.errors?.name ? undefined : state.message} />
        {state.ok && state.data && (
          <Link href={`/admin/teams/${state.data.teamId}`} className="text-sm font-medium text-brand-700 underline">
            Open the new team
          </Link>
        )}
      </div>
    </form>
  );
}
