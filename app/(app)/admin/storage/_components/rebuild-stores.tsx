'use client';

import { useEffect } from 'react';
import { DialogButton, useDialogClose } from '@/components/dialog';
import { useKeptForm } from '@/components/use-kept-form';
import { FormMessage } from '@/components/form-field';
import { initialState, type ActionState } from '@/lib/actions/state';
import { rebuildStoresAction } from '@/lib/actions/stores';
import type { RebuildResult } from '@/lib/domain/store-reports';
import { labelsWhere } from '@/lib/providers/kinds';
import { BUSY, RebuildReportList } from './recovery-reports';

// "Rebuild from stores", behind a confirmation that says what it does and does not do. The
// dialog stays open (busy) while the rebuild runs in the request, then closes on the report,
// which stays on the page under the button.
export function RebuildStores() {
  const [state, action, pending] = useKeptForm(rebuildStoresAction, initialState as ActionState<RebuildResult>);
  const clean = state.data?.stores.every((s) => !s.error && s.orphans.length === 0);
  return (
    <div aria-busy={pending}>
      <DialogButton label="Rebuild from stores" title="Rebuild from the stores?" variant="primary">
        <form {...action} className="space-y-3 text-sm" aria-label="Rebuild from the stores">
          <CloseOnReport state={state} />
          <p>
            Lifeboat reads every manifest in the image store and in each region&apos;s backup store, and recreates the
            image and backup rows this database lacks.
          </p>
          <ul className="list-inside list-disc space-y-1">
            <li>
              Teams that are missing are recreated, and so are the instances backups were taken of: offline, with blank
              disks unless their disk files are still on this host.
            </li>
            <li>
              Nothing is deleted, here or in the stores; rows already here are left as they are, so running it again is
              safe.
            </li>
            <li>What cannot be placed is listed in the report and left in its store.</li>
            <li>
              Users, team memberships, backup schedules and {labelsWhere((t) => t.remote, 'and')} accounts are not in
              the stores and do not come back.
            </li>
          </ul>
          <p role="status" className="text-slate-700">
            {pending ? BUSY : ''}
          </p>
          <FormMessage ok={state.ok} message={pending || state.ok ? undefined : state.message} />
          <button
            type="submit"
            name="confirm"
            value="rebuild"
            disabled={pending}
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {pending ? 'Rebuilding…' : 'Yes, rebuild from the stores'}
          </button>
        </form>
      </DialogButton>
      {state.data && (
        <>
          <div className="mt-3">
            <FormMessage ok={state.ok && clean} message={state.message} />
          </div>
          <RebuildReportList result={state.data} />
        </>
      )}
    </div>
  );
}

/** Closes the dialog after each finished rebuild (the report is shown outside it). */
function CloseOnReport({ state }: { state: ActionState<RebuildResult> }) {
  const close = useDialogClose();
  useEffect(() => {
    if (state.ok) close();
  }, [state, close]);
  return null;
}
