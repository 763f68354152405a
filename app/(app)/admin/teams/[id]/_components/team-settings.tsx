'use client';

import { useKeptForm } from '@/components/use-kept-form';
import { FormField, FormMessage, inputClass, SubmitButton } from '@/components/form-field';
import { initialState } from '@/lib/actions/state';
import { renameTeamAction, setPolicyAction, setQuotaAction } from '@/lib/actions/teams';
import type { TeamDetail } from '@/lib/data/admin';

// The team's own settings: its name, its quotas against what it holds, its backups policy.

const usedText = (n: number, max: number | null) => (max === null ? `${n} used, no limit` : `${n} of ${max} used`);

export function RenameTeamForm({ team }: { team: { id: string; name: string } }) {
  const [state, action, pending] = useKeptForm(renameTeamAction, initialState);
  return (
    <form {...action} aria-label="Rename team" className="flex flex-wrap items-start gap-4">
      <input type="hidden" name="teamId" value={team.id} />
      <div className="w-full max-w-sm">
        <FormField id="team-name" label="Team name" errors={state.errors?.name}>
          <input
            id="team-name"
            name="name"
            defaultValue={team.name}
            maxLength={50}
            autoComplete="off"
            required
            className={inputClass}
            aria-describedby="team-name-error"
          />
        </FormField>
      </div>
      <div className="flex flex-wrap items-center gap-4 pt-6">
        <SubmitButton pending={pending} pendingText="Renaming…">
          Rename team
        </SubmitButton>
        <FormMessage ok={state.ok} message={state.errors?.name ? undefined : state.message} />
      </div>
    </form>
  );
}

export function QuotaForm({ team }: { team: Pick<TeamDetail, 'id' | 'quota'> }) {
  const [state, action, pending] = useKeptForm(setQuotaAction, initialState);
  const { quota } = team;
  const field = (name: 'maxImages' | 'maxInstances', label: string, value: number | null, usage: string) => (
    <FormField
      id={`quota-${name}`}
      label={label}
      hint={`Leave blank for no limit. ${usage}.`}
      errors={state.errors?.[name]}
    >
      <input
        id={`quota-${name}`}
        name={name}
        inputMode="numeric"
        defaultValue={value ?? ''}
        className={inputClass}
        aria-describedby={`quota-${name}-hint quota-${name}-error`}
      />
    </FormField>
  );
  return (
    <form {...action} aria-label="Quotas" className="grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="teamId" value={team.id} />
      {field('maxImages', 'Max images', quota.maxImages, usedText(quota.images, quota.maxImages))}
      {field('maxInstances', 'Max instances', quota.maxInstances, usedText(quota.instances, quota.maxInstances))}
      <p className="text-sm text-slate-600 sm:col-span-2">
        The provider account&apos;s image limit (25 by default) still holds for every team. A quota below what the team
        has keeps what exists and refuses new ones.
      </p>
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <SubmitButton pending={pending} pendingText="Saving…">
          Save quotas
        </SubmitButton>
        <FormMessage ok={state.ok} message={state.message} />
      </div>
    </form>
  );
}

export function PolicyForm({ team }: { team: Pick<TeamDetail, 'id' | 'backupsRequired' | 'nonCompliant' | 'quota'> }) {
  const [state, action, pending] = useKeptForm(setPolicyAction, initialState);
  const { nonCompliant } = team;
  const total = team.quota.instances;
  return (
    <form {...action} aria-label="Policies" className="space-y-3">
      <input type="hidden" name="teamId" value={team.id} />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="backupsRequired"
          defaultChecked={team.backupsRequired}
          className="h-4 w-4"
          aria-describedby="policy-compliance"
        />
        Backups required for this team
      </label>
      <p id="policy-compliance" className="text-sm text-slate-600" data-testid="policy-compliance">
        {total === 0
          ? 'The team has no instances yet.'
          : nonCompliant === 0
            ? `All ${total} ${total === 1 ? 'instance has' : 'instances have'} backups on.`
            : `${nonCompliant} of ${total} ${total === 1 ? 'instance' : 'instances'} ${nonCompliant === 1 ? 'has' : 'have'} backups off${team.backupsRequired ? ', against this policy' : ''}.`}
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pending={pending} pendingText="Saving…">
          Save policy
        </SubmitButton>
        <FormMessage ok={state.ok} message={state.message} />
      </div>
    </form>
  );
}
