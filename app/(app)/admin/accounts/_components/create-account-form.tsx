'use client';

import { useKeptForm } from '@/components/use-kept-form';
import { FormField, FormMessage, inputClass, SubmitButton } from '@/components/form-field';
import { createAccountAction } from '@/lib/actions/accounts';
import { initialState } from '@/lib/actions/state';
import { PROVIDER_DESCRIPTORS } from '@/lib/providers/kinds';

// The kinds on offer and what the form says about their credentials come from the providers.
const KIND_HINT = PROVIDER_DESCRIPTORS.flatMap((d) => ('accountHint' in d.copy ? [d.copy.accountHint] : [])).join(' ');
const URL_HINT = PROVIDER_DESCRIPTORS.flatMap((d) =>
  'defaultBaseUrl' in d.credentials ? [`For ${d.label}, blank means ${d.credentials.defaultBaseUrl}.`] : [],
).join(' ');

// A new provider account. The token goes to the server once and is stored encrypted; a refused
// form keeps the other fields but clears the token (useKeptForm clears password fields).
export function CreateAccountForm() {
  const [state, action, pending] = useKeptForm(createAccountAction, initialState);
  return (
    <form {...action} className="mt-3 grid gap-4 sm:grid-cols-2" aria-label="Add an account" noValidate>
      <FormField id="account-name" label="Name" errors={state.errors?.name}>
        <input
          id="account-name"
          name="name"
          required
          maxLength={60}
          className={inputClass}
          aria-describedby="account-name-error"
        />
      </FormField>
      <FormField id="account-kind" label="Kind" hint={KIND_HINT} errors={state.errors?.kind}>
        <select
          id="account-kind"
          name="kind"
          defaultValue={PROVIDER_DESCRIPTORS[0].kind}
          className={inputClass}
          aria-describedby="account-kind-hint account-kind-error"
        >
          {PROVIDER_DESCRIPTORS.map((d) => (
            <option key={d.kind} value={d.kind}>
              {d.copy.choice}
            </option>
          ))}
        </select>
      </FormField>
      <FormField
        id="account-token"
        label="API token (optional)"
        hint="Stored encrypted and never shown again."
        errors={state.errors?.apiToken}
      >
        <input
          id="account-token"
          name="apiToken"
          type="password"
          autoComplete="off"
          spellCheck={false}
          className={inputClass}
          aria-describedby="account-token-hint account-token-error"
        />
      </FormField>
      <FormField id="account-url" label="API base URL (optional)" hint={URL_HINT} errors={state.errors?.apiBaseUrl}>
        <input
          id="account-url"
          name="apiBaseUrl"
          type="url"
          inputMode="url"
          placeholder="https://"
          className={inputClass}
          aria-describedby="account-url-hint account-url-error"
        />
      </FormField>
      <div className="flex items-center gap-4 sm:col-span-2">
        <SubmitButton pending={pending} pendingText="Adding…">
          Add account
        </SubmitButton>
        <FormMessage ok={state.ok} message={state.message} />
      </div>
    </form>
  );
}
