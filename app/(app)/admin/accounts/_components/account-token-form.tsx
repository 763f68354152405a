'use client';

import { useKeptForm } from '@/components/use-kept-form';
import { FormField, FormMessage, inputClass } from '@/components/form-field';
import { setAccountTokenAction } from '@/lib/actions/accounts';
import { initialState } from '@/lib/actions/state';

type Account = { id: string; name: string; hasToken: boolean };

// Sets or clears an account's API token. The page only knows whether one is set: the value
// never comes back from the server, so there is nothing to pre-fill.
export function AccountTokenForm({ account }: { account: Account }) {
  const [state, action, pending] = useKeptForm(setAccountTokenAction, initialState);
  const id = `token-${account.id}`;
  return (
    <form
      {...action}
      className="mt-4 grid gap-4 border-t border-slate-200 pt-4 sm:grid-cols-3"
      aria-label={`API token of ${account.name}`}
    >
      <input type="hidden" name="accountId" value={account.id} />
      <p className="text-sm sm:col-span-3">{account.hasToken ? 'An API token is set.' : 'No API token is set.'}</p>
      <div className="sm:col-span-2">
        <FormField
          id={id}
          label="API token"
          hint="Stored encrypted and never shown again."
          errors={state.errors?.apiToken}
        >
          <input
            id={id}
            name="apiToken"
            type="password"
            autoComplete="off"
            spellCheck={false}
            className={inputClass}
            aria-describedby={`${id}-hint ${id}-error`}
          />
        </FormField>
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-3">
        {/* The pressed button's name and value come with the form data. */}
        <button
          type="submit"
          name="intent"
          value="set"
          disabled={pending}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? 'Saving…' : 'Save token'}
        </button>
        {account.hasToken && (
          <button
            type="submit"
            name="intent"
            value="clear"
            disabled={pending}
            className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-100 disabled:opacity-60"
          >
            Clear token
          </button>
        )}
        <FormMessage ok={state.ok} message={state.message} />
      </div>
    </form>
  );
}
