'use client';

import Link from 'next/link';
import { useKeptForm } from '@/components/use-kept-form';
import { FormField, FormMessage, inputClass, SubmitButton } from '@/components/form-field';
import { JobProgress } from '@/components/job-progress';
import { initialState, type ActionState } from '@/lib/actions/state';
import { JOB_NAMES } from '@/lib/domain/progress';
import { formatBytes } from '@/lib/domain/usage';

export type DeployFormData = {
  /** The hidden field naming what is deployed: imageId or backupId. */
  source: { name: string; value: string };
  teams: { id: string; name: string }[];
  defaultTeamId: string;
  /** Regions to choose from, or one fixed region (a backup deploys in its own region only). */
  regions: { id: string; label: string }[];
  fixedRegion?: boolean;
  defaultRegion: string;
  plans: { id: string; label: string; diskBytes: number; pricePerMonth: number; disabledReason: string | null }[];
  /** The provider that deploys an image only with a root password for the new instance, which it sets. */
  rootPasswordSetBy?: string;
};

export type DeployAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

// The deploy form shared by images and backups: label, team, region, plan (too-small plans disabled with the reason).
export function DeployForm({ form, deploy }: { form: DeployFormData; deploy: DeployAction }) {
  const [state, action, pending] = useKeptForm(deploy, initialState);
  if (state.ok && state.data) {
    const { jobId, instanceId } = state.data as { jobId: string; instanceId: string };
    return (
      <div className="mt-6 max-w-xl space-y-3">
        <JobProgress jobId={jobId} />
        <Link href={`/instances/${instanceId}`} className="inline-block font-medium text-brand-700 underline">
          Go to the new instance
        </Link>
      </div>
    );
  }
  const firstFit = form.plans.find((p) => !p.disabledReason)?.id;
  return (
    <form {...action} className="mt-6 max-w-xl space-y-5">
      <input type="hidden" name={form.source.name} value={form.source.value} />
      <FormField
        id="deploy-label"
        label="Label"
        errors={state.errors?.label}
        hint="3-64 characters: letters, digits, - _ . ; starts with a letter."
      >
        <input
          id="deploy-label"
          name="label"
          required
          className={inputClass}
          aria-describedby="deploy-label-hint deploy-label-error"
        />
      </FormField>
      {form.rootPasswordSetBy && (
        <FormField
          id="deploy-root-password"
          label="Root password"
          errors={state.errors?.rootPassword}
          hint={`At least 11 characters. ${form.rootPasswordSetBy} sets it for root on the new instance; Lifeboat keeps it only until the instance exists.`}
        >
          <input
            id="deploy-root-password"
            name="rootPassword"
            type="password"
            required
            minLength={11}
            maxLength={128}
            autoComplete="new-password"
            className={inputClass}
            aria-describedby="deploy-root-password-hint deploy-root-password-error"
          />
        </FormField>
      )}
      <FormField id="deploy-team" label="Team" errors={state.errors?.teamId}>
        <select
          id="deploy-team"
          name="teamId"
          defaultValue={form.teams.some((t) => t.id === form.defaultTeamId) ? form.defaultTeamId : form.teams[0]?.id}
          className={inputClass}
          aria-describedby="deploy-team-error"
        >
          {form.teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </FormField>
      {form.fixedRegion ? (
        <p className="text-sm">
          <span className="font-medium">Region:</span> {form.regions[0]?.label} (a backup deploys in its own region)
        </p>
      ) : (
        <FormField id="deploy-region" label="Region" errors={state.errors?.region}>
          <select
            id="deploy-region"
            name="region"
            defaultValue={form.defaultRegion}
            className={inputClass}
            aria-describedby="deploy-region-error"
          >
            {form.regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </FormField>
      )}
      <fieldset aria-describedby="deploy-plan-error" aria-invalid={state.errors?.plan ? true : undefined}>
        <legend className="text-sm font-medium">Plan</legend>
        <div className="mt-1 space-y-2">
          {form.plans.map((p) => (
            <label
              key={p.id}
              className={`flex items-start gap-3 rounded-md border p-3 text-sm ${p.disabledReason ? 'border-slate-200 bg-slate-50 text-slate-600' : 'border-slate-300'}`}
            >
              <input
                type="radio"
                name="plan"
                value={p.id}
                disabled={!!p.disabledReason}
                defaultChecked={p.id === firstFit}
                className="mt-1"
              />
              <span>
                <span className="font-medium">{p.label}</span> · {formatBytes(p.diskBytes)} disk · ${p.pricePerMonth}/mo
                {p.disabledReason && <span className="block text-xs">{p.disabledReason}</span>}
              </span>
            </label>
          ))}
        </div>
        <div id="deploy-plan-error" aria-live="polite" className="text-sm text-red-800">
          {state.errors?.plan?.join(' ')}
        </div>
      </fieldset>
      <FormMessage message={state.message} />
      <SubmitButton pending={pending} pendingText="Starting…">
        {form.source.name === 'backupId' ? JOB_NAMES.deployBackup : JOB_NAMES.deployImage}
      </SubmitButton>
    </form>
  );
}
