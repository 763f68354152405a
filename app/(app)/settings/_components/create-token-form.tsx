'use client';

import { FormField, FormMessage, inputClass, SubmitButton } from '@/components/form-field';
import { useKeptForm } from '@/components/use-kept-form';
import { createApiTokenAction } from '@/lib/actions/api-tokens';
import { initialState, type ActionState } from '@/lib/actions/state';
import { TOKEN_EXPIRY_DAYS } from '@/lib/domain/api-tokens';

type Created = { name: string; secret: string };

// A new token: what it may do, where, until when. Its secret is shown here once; Lifeboat keeps
// only a hash of it.
export function CreateTokenForm({ teams }: { teams: { id: string; name: string }[] }) {
  const [state, action, pending] = useKeptForm(createApiTokenAction, initialState as ActionState<Created>);
  return (
    <form {...action} aria-labelledby="create-token-heading" className="mt-4 space-y-4" noValidate>
      <FormField id="token-name" label="Name" hint="What will use it, e.g. nightly-ci." errors={state.errors?.name}>
        <input
          id="token-name"
          name="name"
          maxLength={50}
          autoComplete="off"
          required
          className={inputClass}
          aria-describedby="token-name-hint token-name-error"
        />
      </FormField>
      <fieldset>
        <legend className="text-sm font-medium">Access</legend>
        <label className="mt-1 flex items-center gap-2 text-sm">
          <input type="radio" name="scope" value="read" defaultChecked className="h-4 w-4" />
          Read only (lists, details, jobs, the audit log)
        </label>
        <label className="mt-1 flex items-center gap-2 text-sm">
          <input type="radio" name="scope" value="write" className="h-4 w-4" />
          Read and write (also capture, snapshot, restore, deploy, cancel…)
        </label>
        {state.errors?.scope && <p className="mt-1 text-sm text-red-700">{state.errors.scope[0]}</p>}
      </fieldset>
      {teams.length > 0 && (
        <fieldset aria-describedby="token-teams-hint">
          <legend className="text-sm font-medium">Teams (optional)</legend>
          <p id="token-teams-hint" className="text-sm text-slate-600">
            None ticked: every team you are in. A token limited to teams never acts as an administrator.
          </p>
          {teams.map((t) => (
            <label key={t.id} className="mt-1 flex items-center gap-2 text-sm">
              <input type="checkbox" name="teamIds" value={t.id} className="h-4 w-4" />
              {t.name}
            </label>
          ))}
          {state.errors?.teamIds && <p className="mt-1 text-sm text-red-700">{state.errors.teamIds[0]}</p>}
        </fieldset>
      )}
      <FormField id="token-expires" label="Expires" errors={state.errors?.expires}>
        <select
          id="token-expires"
          name="expires"
          defaultValue="30"
          className={inputClass}
          aria-describedby="token-expires-error"
        >
          {TOKEN_EXPIRY_DAYS.map((d) => (
            <option key={d} value={String(d)}>
              In {d} days
            </option>
          ))}
          <option value="never">Never</option>
        </select>
      </FormField>
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pending={pending} pendingText="Creating…">
          Create token
        </SubmitButton>
        {!state.ok && <FormMessage message={state.message} />}
      </div>
      {state.ok && state.data && (
        <div role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm text-slate-900">
          <p>
            Token <strong>{state.data.name}</strong>:{' '}
            <code
              data-testid="new-token"
              className="select-all break-all rounded bg-white px-2 py-1 font-mono ring-1 ring-emerald-300"
            >
              {state.data.secret}
            </code>
          </p>
          <p className="mt-1 text-slate-700">Copy it now: it is not shown again. Lifeboat keeps only a hash of it.</p>
        </div>
      )}
    </form>
  );
}
