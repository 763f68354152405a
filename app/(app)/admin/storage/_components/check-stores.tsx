'use client';

import { useKeptForm } from '@/components/use-kept-form';
import { FormMessage, SubmitButton } from '@/components/form-field';
import { initialState, type ActionState } from '@/lib/actions/state';
import { checkStoresAction } from '@/lib/actions/stores';
import type { CheckResult } from '@/lib/domain/store-reports';
import { BUSY, CheckReportList } from './recovery-reports';

// "Check stores": every manifest read, the chunks listed once, rows without a manifest named;
// deep also reads every chunk back. It runs in the request, so the page says to wait for it.
export function CheckStores() {
  const [state, action, pending] = useKeptForm(checkStoresAction, initialState as ActionState<CheckResult>);
  const clean = state.data?.stores.every((s) => s.problems.length === 0);
  return (
    <div aria-busy={pending}>
      <form {...action} className="space-y-3" aria-label="Check stores">
        <div>
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="deep" className="mt-0.5 h-4 w-4" aria-describedby="check-deep-hint" />
            <span>Deep check: read every chunk back and check it against its hash</span>
          </label>
          <p id="check-deep-hint" className="ml-6 text-xs text-slate-600">
            A deep check reads every chunk of every store, which can take a long time on a big store (hours for
            terabytes). Without it, each manifest is read and the chunk list compared with what the store holds.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pending={pending} pendingText="Checking the stores…">
            Check stores
          </SubmitButton>
          <p role="status" className="text-sm text-slate-700">
            {pending ? BUSY : ''}
          </p>
          <FormMessage ok={state.ok && clean} message={pending ? undefined : state.message} />
        </div>
      </form>
      {state.data && !pending && <CheckReportList result={state.data} />}
    </div>
  );
}
