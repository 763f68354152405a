'use client';

import { useKeptForm } from '@/components/use-kept-form';
import { FormField, FormMessage, inputClass, SubmitButton } from '@/components/form-field';
import { updateAccountLimitsAction } from '@/lib/actions/accounts';
import { initialState } from '@/lib/actions/state';

type Account = { id: string; name: string; imageCeilingGiB: number; imageLimit: number; imagePricePerGbMonth: number };

export function AccountLimitsForm({ account }: { account: Account }) {
  const [state, action, pending] = useKeptForm(updateAccountLimitsAction, initialState);
  const id = (field: string) => `${field}-${account.id}`;
  return (
    <form {...action} className="mt-3 grid gap-4 sm:grid-cols-3" aria-label={`Limits of ${account.name}`}>
      <input type="hidden" name="accountId" value={account.id} />
      <FormField id={id('ceiling')} label="Image ceiling (GiB of used data)" errors={state.errors?.imageCeilingGiB}>
        <input
          id={id('ceiling')}
          name="imageCeilingGiB"
          inputMode="decimal"
          defaultValue={account.imageCeilingGiB}
          className={inputClass}
          aria-describedby={`${id('ceiling')}-error`}
        />
      </FormField>
      <FormField id={id('limit')} label="Images per account" errors={state.errors?.imageLimit}>
        <input
          id={id('limit')}
          name="imageLimit"
          inputMode="numeric"
          defaultValue={account.imageLimit}
          className={inputClass}
          aria-describedby={`${id('limit')}-error`}
        />
      </FormField>
      <FormField id={id('price')} label="Image price ($ per GB-month)" errors={state.errors?.imagePricePerGbMonth}>
        <input
          id={id('price')}
          name="imagePricePerGbMonth"
          inputMode="decimal"
          defaultValue={account.imagePricePerGbMonth}
          className={inputClass}
          aria-describedby={`${id('price')}-error`}
        />
      </FormField>
      <div className="flex items-center gap-4 sm:col-span-3">
        <SubmitButton pending={pending} pendingText="Saving…">
          Save limits
        </SubmitButton>
        <FormMessage ok={state.ok} message={state.message} />
      </div>
    </form>
  );
}
