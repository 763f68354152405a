'use client';

import Link from 'next/link';
import { useKeptForm } from '@/components/use-kept-form';
import { FormField, FormMessage, inputClass, SubmitButton } from '@/components/form-field';
import { JobProgress } from '@/components/job-progress';
import { LocalTime } from '@/components/local-time';
import { syncAccountAction } from '@/lib/actions/accounts';
import { assignByTagAction, removeTagRuleAction } from '@/lib/actions/instances';
import { initialState } from '@/lib/actions/state';
import { JOB_NAMES } from '@/lib/domain/progress';
import { descriptorOf } from '@/lib/providers/kinds';

type Remote = {
  syncedAt: string | null;
  syncError: string | null;
  runningSyncId: string | null;
  tags: string[];
  rules: { id: string; tag: string; team: string }[];
  unassigned: { id: string; label: string; tags: string[] }[];
};

type Account = { id: string; name: string; kind: string; remote: Remote; teams: { id: string; name: string }[] };

// A remote account's part of the accounts page: when it was last read and a button to
// read it now, the instances no team has yet (only admins see them), and assigning by tag.
export function RemoteAccount({ account }: { account: Account }) {
  const { remote } = account;
  return (
    <div className="mt-4 space-y-4 border-t border-slate-200 pt-4 text-sm">
      <SyncNow account={account} />
      <section aria-label={`Unassigned instances of ${account.name}`}>
        <h3 className="font-semibold">Unassigned instances</h3>
        {remote.unassigned.length === 0 ? (
          <p className="text-slate-600">Every instance of this account belongs to a team.</p>
        ) : (
          <>
            <p className="text-slate-600">
              Only admins see these until they are assigned, by tag below or one by one on each instance&apos;s page.
            </p>
            <ul className="mt-1 flex flex-wrap gap-2" data-testid="unassigned">
              {remote.unassigned.map((i) => (
                <li key={i.id}>
                  <Link
                    href={`/instances/${i.id}`}
                    className="rounded border border-slate-300 px-2 py-1 text-brand-700 underline"
                  >
                    {i.label}
                  </Link>
                  {i.tags.length > 0 && <span className="ml-1 text-xs text-slate-600">{i.tags.join(', ')}</span>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {account.teams.length > 0 && <AssignByTag account={account} />}
      {remote.rules.length > 0 && (
        <section aria-label={`Tag rules of ${account.name}`}>
          <h3 className="font-semibold">Tag rules</h3>
          <p className="text-slate-600">
            Instances that appear with one of these tags go to its team at the sync that reads them in.
          </p>
          <ul className="mt-1 space-y-1" data-testid="tag-rules">
            {remote.rules.map((r) => (
              <TagRule key={r.id} rule={r} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function SyncNow({ account }: { account: Account }) {
  const [state, action, pending] = useKeptForm(syncAccountAction, initialState);
  const jobId = (state.data as { jobId?: string } | undefined)?.jobId ?? account.remote.runningSyncId;
  const provider = descriptorOf(account.kind).label;
  return (
    <div className="space-y-2">
      <form {...action} aria-label={`Sync ${account.name}`} className="space-y-2">
        <input type="hidden" name="accountId" value={account.id} />
        <p data-testid="synced-at">
          {account.remote.syncedAt ? (
            <>
              Last read from {provider} <LocalTime iso={account.remote.syncedAt} />. Lifeboat reads it again every five
              minutes.
            </>
          ) : (
            `Not read from ${provider} yet.`
          )}
        </p>
        {account.remote.syncError && (
          <p role="alert" className="text-red-800">
            The last sync failed: {account.remote.syncError}
          </p>
        )}
        <SubmitButton pending={pending} pendingText="Starting…">
          {JOB_NAMES.sync}
        </SubmitButton>
        <FormMessage ok={state.ok} message={state.message} />
      </form>
      {jobId && <JobProgress jobId={jobId} />}
    </div>
  );
}

function AssignByTag({ account }: { account: Account }) {
  const [state, action, pending] = useKeptForm(assignByTagAction, initialState);
  const id = (name: string) => `${name}-${account.id}`;
  return (
    <form {...action} aria-label={`Assign instances of ${account.name} by tag`} className="grid gap-3 sm:grid-cols-3">
      <h3 className="font-semibold sm:col-span-3">Assign by tag</h3>
      <input type="hidden" name="accountId" value={account.id} />
      <FormField
        id={id('tag')}
        label="Instances tagged"
        errors={state.errors?.tag}
        hint={account.remote.tags.length ? `In use: ${account.remote.tags.join(', ')}` : undefined}
      >
        <input
          id={id('tag')}
          name="tag"
          required
          list={id('tags')}
          autoComplete="off"
          className={inputClass}
          aria-describedby={`${id('tag')}-hint ${id('tag')}-error`}
        />
      </FormField>
      <datalist id={id('tags')}>
        {account.remote.tags.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <FormField id={id('team')} label="Go to team" errors={state.errors?.teamId}>
        <select id={id('team')} name="teamId" className={inputClass} aria-describedby={`${id('team')}-error`}>
          {account.teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </FormField>
      <div className="flex items-end">
        <SubmitButton pending={pending} pendingText="Assigning…">
          Assign
        </SubmitButton>
      </div>
      <label className="flex items-center gap-2 sm:col-span-3">
        <input type="checkbox" name="remember" />
        Also give instances that appear later with this tag to the team
      </label>
      <div className="sm:col-span-3">
        <FormMessage ok={state.ok} message={state.message} />
      </div>
    </form>
  );
}

function TagRule({ rule }: { rule: { id: string; tag: string; team: string } }) {
  const [state, action, pending] = useKeptForm(removeTagRuleAction, initialState);
  return (
    <li className="flex flex-wrap items-center gap-3">
      <span>
        Tagged <strong>{rule.tag}</strong> → {rule.team}
      </span>
      <form {...action} aria-label={`Stop the rule for ${rule.tag}`}>
        <input type="hidden" name="ruleId" value={rule.id} />
        <button
          type="submit"
          disabled={pending}
          className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-60"
        >
          {pending ? 'Stopping…' : 'Stop'}
        </button>
      </form>
      <FormMessage ok={state.ok} message={state.ok ? undefined : state.message} />
    </li>
  );
}
