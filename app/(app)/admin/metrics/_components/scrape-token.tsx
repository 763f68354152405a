'use client';

import { useEffect } from 'react';
import { DialogButton, useCloseOnSuccess, useDialogClose } from '@/components/dialog';
import { FormMessage, SubmitButton } from '@/components/form-field';
import { LocalTime } from '@/components/local-time';
import { useHydrated } from '@/components/use-hydrated';
import { useKeptForm } from '@/components/use-kept-form';
import { clearMetricsTokenAction, rotateMetricsTokenAction } from '@/lib/actions/metrics';
import { initialState, type ActionState } from '@/lib/actions/state';
import type { MetricsTokenView } from '@/lib/data/metrics';

// The scrape token: which one is in use, making one (or a new one in its place, after a
// confirmation, since the old one stops working at once) and removing it. A new token is shown
// once, right after the action that made it; the page keeps no copy.

type RotateForm = ReturnType<typeof useKeptForm<ActionState<{ token: string }>>>;

export function ScrapeToken({ token }: { token: MetricsTokenView }) {
  const rotate = useKeptForm(rotateMetricsTokenAction, initialState as ActionState<{ token: string }>);
  const [state, form, pending] = rotate;
  const made = state.ok ? state.data?.token : undefined;
  // Shown only while it is still the token in use (not after it was removed or replaced elsewhere).
  const shown = made && token.hint && made.startsWith(token.hint.replace('…', '')) ? made : null;
  return (
    <section aria-labelledby="scrape-token" className="mt-4 max-w-3xl rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="scrape-token" className="text-lg font-semibold">
        Scrape token
      </h2>
      <p className="mt-1 text-sm" data-testid="metrics-token-status">
        {token.hint ? (
          <>
            In use: <code>{token.hint}</code>, made by {token.createdByName || 'an admin'}
            {token.createdAt && (
              <>
                , <LocalTime iso={token.createdAt} />
              </>
            )}
            .
          </>
        ) : (
          'No token yet: /metrics refuses every scrape.'
        )}
      </p>
      {shown && <NewToken token={shown} />}
      <div className="mt-3 flex flex-wrap items-start gap-3">
        {token.hint ? (
          <>
            <DialogButton label="Replace token" title="Replace the scrape token?">
              <ConfirmReplace hint={token.hint} rotate={rotate} />
            </DialogButton>
            <DialogButton label="Remove token" title="Remove the scrape token?" variant="danger">
              <ConfirmRemove hint={token.hint} />
            </DialogButton>
          </>
        ) : (
          <form {...form}>
            <SubmitButton pending={pending} pendingText="Generating…">
              Generate token
            </SubmitButton>
          </form>
        )}
      </div>
      {!state.ok && <FormMessage ok={false} message={state.message} />}
    </section>
  );
}

function ConfirmReplace({ hint, rotate }: { hint: string; rotate: RotateForm }) {
  const [state, form, pending] = rotate;
  const close = useDialogClose();
  // Every answer is a new state object: close after each success, the second one too.
  useEffect(() => {
    if (state.ok) close();
  }, [state, close]);
  return (
    <form {...form} className="space-y-4">
      <p className="text-sm">
        The token in use (<code>{hint}</code>) stops working at once: Prometheus is refused until it has the new one.
      </p>
      <SubmitButton pending={pending} pendingText="Generating…">
        Yes, make a new token
      </SubmitButton>
    </form>
  );
}

function ConfirmRemove({ hint }: { hint: string }) {
  const [state, form, pending] = useKeptForm(clearMetricsTokenAction, initialState);
  useCloseOnSuccess(state.ok);
  return (
    <form {...form} className="space-y-4">
      <p className="text-sm">
        Scrapes with <code>{hint}</code> are refused from now on, and /metrics answers no one until a new token is made.
      </p>
      <FormMessage ok={state.ok} message={state.message} />
      <SubmitButton pending={pending} pendingText="Removing…" variant="danger">
        Yes, remove the token
      </SubmitButton>
    </form>
  );
}

function NewToken({ token }: { token: string }) {
  const hydrated = useHydrated();
  const origin = hydrated ? window.location.origin : 'https://lifeboat.example.com';
  return (
    <div role="status" className="mt-3 rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm text-slate-900">
      <p>
        The new token:{' '}
        <code
          data-testid="metrics-token"
          className="select-all break-all rounded bg-white px-2 py-1 font-mono text-base ring-1 ring-emerald-300"
        >
          {token}
        </code>
      </p>
      <p className="mt-2">Copy it now: it is not shown again (Lifeboat keeps only its hash). Try it:</p>
      <pre className="mt-1 whitespace-pre-wrap break-all rounded bg-white p-2 font-mono text-xs ring-1 ring-emerald-300">
        {`curl -H 'Authorization: Bearer ${token}' ${origin}/metrics`}
      </pre>
    </div>
  );
}
