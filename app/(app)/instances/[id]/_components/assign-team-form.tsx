'use client';

import { useKeptForm } from '@/components/use-kept-form';
import { FormMessage, invalidClass, SubmitButton } from '@/components/form-field';
import { assignInstanceAction } from '@/lib/actions/instances';
import { initialState } from '@/lib/actions/state';

// Admins only: moves the instance (and its backups) to another team.
export function AssignTeamForm({
  instanceId,
  teamId,
  teams,
}: {
  instanceId: string;
  teamId: string;
  teams: { id: string; name: string }[];
}) {
  const [state, action, pending] = useKeptForm(assignInstanceAction, initialState);
  return (
    <form {...action} className="mt-3 flex flex-wrap items-end gap-3 text-sm" aria-label="Assign to a team">
      <input type="hidden" name="instanceId" value={instanceId} />
      <div>
        <label htmlFor="assign-team" className="block font-medium">
          Assign to team
        </label>
        <select
          id="assign-team"
          name="teamId"
          defaultValue={teamId}
          aria-describedby="assign-team-message"
          aria-invalid={state.errors?.teamId ? true : undefined}
          className={`mt-1 rounded-md border border-slate-300 px-3 py-2 ${state.errors?.teamId ? invalidClass : ''}`}
        >
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton pending={pending} pendingText="Moving…">
        Move
      </SubmitButton>
      <div id="assign-team-message">
        <FormMessage ok={state.ok} message={state.message} />
      </div>
    </form>
  );
}
