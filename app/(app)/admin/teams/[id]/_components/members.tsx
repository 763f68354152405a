'use client';

import { useKeptForm } from '@/components/use-kept-form';
import { DialogButton, useCloseOnSuccess } from '@/components/dialog';
import { FormField, FormMessage, inputClass, SubmitButton } from '@/components/form-field';
import { initialState } from '@/lib/actions/state';
import { addMemberAction, removeMemberAction, setMemberRoleAction } from '@/lib/actions/teams';
import type { TeamDetail } from '@/lib/data/admin';
import { PersonCell } from '@/components/table';

// A team's members: change a role, take someone out (after a confirmation), add someone by the
// email they sign in with. Buttons name the member so each is distinct on the page.

type Member = TeamDetail['members'][number];
type Team = { id: string; name: string };

function RoleOptions() {
  return (
    <>
      <option value="member">Member</option>
      <option value="viewer">Viewer</option>
    </>
  );
}

export function MemberRow({ team, member }: { team: Team; member: Member }) {
  const [state, action, pending] = useKeptForm(setMemberRoleAction, initialState);
  const roleId = `role-${member.id}`;
  return (
    <tr className="border-b border-slate-100 align-top last:border-0" data-testid="member-row">
      <PersonCell name={member.name} note={member.disabled && 'disabled'} email={member.email} />
      <td className="px-3 py-3">
        <form {...action} className="flex flex-wrap items-center gap-2">
          <input type="hidden" name="teamId" value={team.id} />
          <input type="hidden" name="userId" value={member.id} />
          <label htmlFor={roleId} className="sr-only">
            Role of {member.email}
          </label>
          <select
            id={roleId}
            name="role"
            defaultValue={member.role}
            className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            <RoleOptions />
          </select>
          <button
            type="submit"
            disabled={pending}
            aria-label={`Save role ${member.email}`}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50"
          >
            {pending ? 'Saving…' : 'Save role'}
          </button>
        </form>
        {state.message && <FormMessage ok={state.ok} message={state.message} />}
      </td>
      <td className="px-3 py-3">
        <DialogButton
          label={`Remove ${member.email}`}
          title={`Remove ${member.email} from ${team.name}?`}
          variant="danger"
        >
          <RemoveMemberForm team={team} member={member} />
        </DialogButton>
      </td>
    </tr>
  );
}

function RemoveMemberForm({ team, member }: { team: Team; member: Member }) {
  const [state, action, pending] = useKeptForm(removeMemberAction, initialState);
  useCloseOnSuccess(state.ok);
  return (
    <form {...action} className="space-y-4">
      <input type="hidden" name="teamId" value={team.id} />
      <input type="hidden" name="userId" value={member.id} />
      <p className="text-sm">
        {member.name} loses access to {team.name}&apos;s instances, images and backups at once. What they made stays
        with the team.
      </p>
      <FormMessage ok={state.ok} message={state.message} />
      <SubmitButton pending={pending} pendingText="Removing…" variant="danger">
        Yes, remove from team
      </SubmitButton>
    </form>
  );
}

export function AddMemberForm({ team }: { team: Team }) {
  const [state, action, pending] = useKeptForm(addMemberAction, initialState);
  return (
    <form
      {...action}
      aria-label={`Add a member to ${team.name}`}
      className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start"
    >
      <input type="hidden" name="teamId" value={team.id} />
      <FormField
        id="member-email"
        label="Email"
        hint="Of a user who already exists (see Users)."
        errors={state.errors?.email}
      >
        <input
          id="member-email"
          name="email"
          type="email"
          autoComplete="off"
          required
          className={inputClass}
          aria-describedby="member-email-hint member-email-error"
        />
      </FormField>
      <FormField id="member-role" label="Role" errors={state.errors?.role}>
        <select
          id="member-role"
          name="role"
          defaultValue="member"
          className={inputClass}
          aria-describedby="member-role-error"
        >
          <RoleOptions />
        </select>
      </FormField>
      <div className="sm:pt-6">
        <SubmitButton pending={pending} pendingText="Adding…">
          Add member
        </SubmitButton>
      </div>
      <div className="sm:col-span-3">
        <FormMessage ok={state.ok} message={state.errors?.email ? undefined : state.message} />
      </div>
    </form>
  );
}
