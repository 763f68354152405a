'use client';

import { useKeptForm } from '@/components/use-kept-form';
import { DialogButton, useCloseOnSuccess } from '@/components/dialog';
import { FormMessage, SubmitButton, SubmitRow } from '@/components/form-field';
import { initialState } from '@/lib/actions/state';
import { deleteDestinationAction, sendTestAction, setEnabledAction, setEventsAction } from '@/lib/actions/alerts';
import type { DestinationView } from '@/lib/data/alerts';
import { DeliveryLog } from './delivery-log';
import { EventChoices } from './event-choices';

// One destination: where it sends, whether it is on (and why it was turned off), the events it
// gets, a test, and its delivery log. Buttons name the destination so each is distinct.

const button =
  'rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50';

function OneButton({
  run,
  destinationId,
  fields,
  label,
  pendingText,
  name,
}: {
  run: typeof sendTestAction;
  destinationId: string;
  fields?: Record<string, string>;
  label: string;
  pendingText: string;
  name: string;
}) {
  const [state, action, pending] = useKeptForm(run, initialState);
  return (
    <form {...action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="destinationId" value={destinationId} />
      {Object.entries(fields ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" disabled={pending} className={button} aria-label={`${label} ${name}`}>
        {pending ? pendingText : label}
      </button>
      {state.message && <FormMessage ok={state.ok} message={state.message} />}
    </form>
  );
}

function EventsForm({ destination }: { destination: DestinationView }) {
  const [state, action, pending] = useKeptForm(setEventsAction, initialState);
  return (
    <form {...action} aria-label={`Events of ${destination.name}`} className="space-y-3">
      <input type="hidden" name="destinationId" value={destination.id} />
      <EventChoices idPrefix={`d-${destination.id}`} chosen={destination.events} errors={state.errors?.events} />
      <SubmitRow pending={pending} pendingText="Saving…" state={state}>
        Save events
      </SubmitRow>
    </form>
  );
}

function RemoveForm({ destination }: { destination: DestinationView }) {
  const [state, action, pending] = useKeptForm(deleteDestinationAction, initialState);
  useCloseOnSuccess(state.ok);
  return (
    <form {...action} className="space-y-4">
      <input type="hidden" name="destinationId" value={destination.id} />
      <p className="text-sm">Alerts stop going to {destination.target} at once, and its delivery log goes with it.</p>
      <FormMessage ok={state.ok} message={state.message} />
      <SubmitButton pending={pending} pendingText="Removing…" variant="danger">
        Yes, remove {destination.name}
      </SubmitButton>
    </form>
  );
}

export function DestinationCard({ destination: d, canManage }: { destination: DestinationView; canManage: boolean }) {
  const headingId = `destination-${d.id}`;
  return (
    <section
      aria-labelledby={headingId}
      className="mt-4 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="destination"
    >
      <div className="flex flex-wrap items-baseline gap-3">
        <h3 id={headingId} className="text-lg font-semibold">
          {d.name}
        </h3>
        <span className="text-sm text-slate-700">
          {d.kind === 'webhook' ? 'Webhook' : 'Email'} to <code className="break-all">{d.target}</code>
        </span>
        <span
          className={`rounded-full px-2 py-0.5 text-xs font-medium ${d.enabled ? 'bg-emerald-100 text-emerald-900' : 'bg-slate-200 text-slate-800'}`}
        >
          {d.enabled ? 'on' : 'off'}
        </span>
      </div>
      {d.disabledReason && !d.enabled && (
        <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm" data-testid="disabled-reason">
          {d.disabledReason}
        </p>
      )}
      {canManage ? (
        <>
          <div className="mt-3">
            <EventsForm destination={d} />
          </div>
          <div className="mt-3 flex flex-wrap items-start gap-3">
            <OneButton
              run={sendTestAction}
              destinationId={d.id}
              label="Send test"
              pendingText="Sending…"
              name={d.name}
            />
            <OneButton
              run={setEnabledAction}
              destinationId={d.id}
              fields={{ enabled: d.enabled ? 'false' : 'true' }}
              label={d.enabled ? 'Turn off' : 'Turn on'}
              pendingText="Saving…"
              name={d.name}
            />
            <DialogButton label={`Remove ${d.name}`} title={`Remove ${d.name}?`} variant="danger">
              <RemoveForm destination={d} />
            </DialogButton>
          </div>
        </>
      ) : (
        <p className="mt-2 text-sm text-slate-700">Events: {d.events.join(', ') || 'none'}.</p>
      )}
      <DeliveryLog destination={d} />
    </section>
  );
}
