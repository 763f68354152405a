'use client';

import { useKeptForm } from '@/components/use-kept-form';
import { FormField, FormMessage, inputClass, SubmitButton } from '@/components/form-field';
import { initialState, type ActionState } from '@/lib/actions/state';
import { createUserAction } from '@/lib/actions/users';
import { OneTimePassword } from './one-time-password';

type Created = { email: string; password: string };

// A new user gets a one-time password, shown here once; a first team is optional.
export function CreateUserForm({ teams }: { teams: { id: string; name: string }[] }) {
  const [state, action, pending] = useKeptForm(createUserAction, initialState as ActionState<Created>);
  return (
    <form {...action} aria-labelledby="create-user-heading" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="new-user-email" label="Email" errors={state.errors?.email}>
          <input
            id="new-user-email"
            name="email"
            type="email"
            autoComplete="off"
            required
            className={inputClass}
            aria-describedby="new-user-email-error"
          />
        </FormField>
        <FormField id="new-user-name" label="Name" errors={state.errors?.name}>
          <input
            id="new-user-name"
            name="name"
            maxLength={100}
            autoComplete="off"
            required
            className={inputClass}
            aria-describedby="new-user-name-error"
          />
        </FormField>
        <FormField id="new-user-team" label="First team (optional)" errors={state.errors?.teamId}>
          <select
            id="new-user-team"
            name="teamId"
            defaultValue=""
            className={inputClass}
            aria-describedby="new-user-team-error"
          >
            <option value="">No team</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="new-user-role" label="Role in that team" errors={state.errors?.role}>
          <select
            id="new-user-role"
            name="role"
            defaultValue="member"
            className={inputClass}
            aria-describedby="new-user-role-error"
          >
            <option value="member">Member (can change things)</option>
            <option value="viewer">Viewer (read only)</option>
          </select>
        </FormField>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="isAdmin" className="h-4 w-4" />
        Administrator (can run the admin console)
      </label>
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pending={pending} pendingText="Creating…">
          Create user
        </SubmitButton>
        {!state.ok && <FormMessage message={state.message} />}
      </div>
      {state.ok && state.data && <OneTimePassword email={state.data.email} password={state.data.password} />}
    </form>
  );
}
