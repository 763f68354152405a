'use client';

import { useKeptForm } from '@/components/use-kept-form';
import { FormField, FormMessage, inputClass, SubmitButton } from '@/components/form-field';
import { createAccountAction } from '@/lib/actions/accounts';
import { initialState } from '@/lib/actions/state';

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
      <FormField
        id="account-kind"
        label="Kind"
        hint="A Linode token is checked with a read call before it is saved; the account's instances, backups and images are then read in, unassigned until you give them to teams."
        errors={state.errors?.kind}
      >
        <select
          id="account-kind"
          name="kind"
          defaultValue="local"
          className={inputClass}
          aria-describedby="account-kind-hint account-kind-error"
        >
          <option value="local">Local (this host)</option>
          <option value="linode">Linode (API v4)</option>
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
      <FormField
        id="account-url"
        label="API base URL (optional)"
        hint="For Linode, blank means https://api.linode.com/v4."
        errors={state.errors?.apiBaseUrl}
      >
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
