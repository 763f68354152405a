'use client';

import { useKeptForm } from '@/components/use-kept-form';
import { SubmitRow } from '@/components/form-field';
import { initialState } from '@/lib/actions/state';
import { setAlertTargetsAction } from '@/lib/actions/alerts';

// Admins only: whether webhooks may reach addresses inside the network (a receiver on this host
// or the office LAN). Off, a team member cannot make the server call its own neighbours.
export function PrivateTargetsForm({ allowPrivateTargets }: { allowPrivateTargets: boolean }) {
  const [state, action, pending] = useKeptForm(setAlertTargetsAction, initialState);
  return (
    <form {...action} aria-label="Webhook targets" className="space-y-3">
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="allowPrivateTargets"
          defaultChecked={allowPrivateTargets}
          className="h-4 w-4"
          aria-describedby="private-targets-hint"
        />
        Allow webhooks to private, loopback and link-local addresses
      </label>
      <p id="private-targets-hint" className="text-sm text-slate-600">
        For every team. Leave it off unless the receivers are inside your network: on, any team member can make Lifeboat
        send requests to this host and its neighbours (the cloud&apos;s metadata address included).
      </p>
      <SubmitRow pending={pending} pendingText="Saving…" state={state}>
        Save
      </SubmitRow>
    </form>
  );
}
