'use client';

import { useKeptForm } from '@/components/use-kept-form';
import { FormMessage } from '@/components/form-field';
import { initialState } from '@/lib/actions/state';
import { testStoreAction } from '@/lib/actions/stores';

// Tries the store as it is configured now (saved setting, environment or default folder): a
// small object is written, read back and deleted, and the answer is a sentence either way.
export function TestStore({ scope, label }: { scope: string; label: string }) {
  const [state, action, pending] = useKeptForm(testStoreAction, initialState);
  return (
    <form {...action} className="flex flex-wrap items-center gap-3" aria-label={`Test ${label}`}>
      <input type="hidden" name="scope" value={scope} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`Test connection to ${label}`}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60"
      >
        {pending ? 'Testing…' : 'Test connection'}
      </button>
      <FormMessage ok={state.ok} message={state.message} />
    </form>
  );
}
