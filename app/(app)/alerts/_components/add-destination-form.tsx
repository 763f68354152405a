'use client';

import { useKeptForm } from '@/components/use-kept-form';
import { FormField, inputClass, SubmitRow } from '@/components/form-field';
import { initialState, type ActionState } from '@/lib/actions/state';
import { createEmailAction, createWebhookAction } from '@/lib/actions/alerts';
import { DEFAULT_EVENTS, type DestinationKind } from '@/lib/domain/alerts/events';
import { EventChoices } from './event-choices';

type Created = { destinationId: string; secret?: string };

// A new destination: a name, where it goes (a webhook's URL or an email address) and its events.
// A webhook's signing secret is shown once, right here.
const KINDS = {
  webhook: {
    run: createWebhookAction,
    form: 'Add a webhook',
    field: 'url',
    label: 'URL',
    hint: 'https://… (http:// works too)',
    type: 'url',
    max: 2000,
    submit: 'Add webhook',
  },
  email: {
    run: createEmailAction,
    form: 'Add an email address',
    field: 'email',
    label: 'Email address',
    hint: undefined,
    type: 'email',
    max: 254,
    submit: 'Add email address',
  },
} as const;

export function AddDestinationForm({ teamId, kind }: { teamId: string; kind: DestinationKind }) {
  const k = KINDS[kind];
  const [state, action, pending] = useKeptForm<ActionState<Created>>(k.run, initialState as ActionState<Created>);
  const id = (name: string) => `${kind}-${name}`;
  return (
    <form {...action} aria-label={k.form} className="space-y-4">
      <input type="hidden" name="teamId" value={teamId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id={id('name')} label="Name" errors={state.errors?.name}>
          <input id={id('name')} name="name" maxLength={60} autoComplete="off" required className={inputClass} />
        </FormField>
        <FormField id={id('target')} label={k.label} hint={k.hint} errors={state.errors?.[k.field]}>
          <input
            id={id('target')}
            name={k.field}
            type={k.type}
            maxLength={k.max}
            autoComplete="off"
            required
            className={inputClass}
          />
        </FormField>
      </div>
      <EventChoices idPrefix={kind} chosen={DEFAULT_EVENTS} errors={state.errors?.events} />
      <SubmitRow pending={pending} pendingText="Adding…" state={state}>
        {k.submit}
      </SubmitRow>
      {state.ok && state.data?.secret && (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="webhook-secret">
          Signing secret: <code className="break-all font-mono">{state.data.secret}</code>
        </p>
      )}
    </form>
  );
}
