'use server';

import { revalidatePath } from 'next/cache';
import { authorize } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import {
  addMemberInput,
  createTeamInput,
  memberRoleInput,
  removeMemberInput,
  renameTeamInput,
  teamPolicyInput,
  teamQuotaInput,
} from '@/lib/schemas/admin';
import {
  addMember,
  createTeam,
  findTeam,
  removeMember,
  renameTeam,
  setBackupsRequired,
  setMemberRole,
  setQuota,
} from '@/lib/services/teams';
import { action, type ActionContext } from './safe-action';

// The admin console's team actions. Each names the team in its audit target, so the entry
// shows up in that team's audit log too.

const quotaText = (n: number | null) => (n === null ? 'no limit' : String(n));

// Not exported: a 'use server' file's exports are endpoints.
async function teamFor(ctx: ActionContext, teamId: string) {
  authorize(ctx.caller, 'admin');
  const team = await findTeam(db(), teamId);
  ctx.target({ type: 'team', id: team.id, label: team.name, teamId: team.id });
  return team;
}

/** Names the user a membership action is about, before the service may refuse. */
async function memberTarget(ctx: ActionContext, userId: string) {
  const user = await db().user.findUnique({ where: { id: userId }, select: { email: true } });
  ctx.target({ type: 'user', id: userId, label: user?.email ?? '' });
}

function revalidateTeam(teamId?: string) {
  revalidatePath('/admin', 'layout');
  if (teamId) revalidatePath(`/admin/teams/${teamId}`);
}

export const createTeamAction = action('team.create', createTeamInput, async (input, ctx) => {
  authorize(ctx.caller, 'admin');
  ctx.target({ type: 'team', label: input.name });
  const team = await createTeam(db(), input.name);
  ctx.target({ id: team.id, teamId: team.id });
  revalidateTeam();
  return { ok: true, message: `Team ${team.name} created.`, data: { teamId: team.id } };
});

export const renameTeamAction = action('team.rename', renameTeamInput, async (input, ctx) => {
  const team = await teamFor(ctx, input.teamId);
  ctx.detail(`Renamed from ${team.name} to ${input.name}.`);
  await renameTeam(db(), team.id, input.name);
  revalidateTeam(team.id);
  return { ok: true, message: `Team renamed to ${input.name}.` };
});

/** Adds an existing user to the team by email, with a role. */
export const addMemberAction = action('team.member-add', addMemberInput, async (input, ctx) => {
  const team = await teamFor(ctx, input.teamId);
  ctx.target({ type: 'user', label: input.email });
  const { user } = await addMember(db(), team.id, input.email, input.role);
  ctx.target({ id: user.id });
  ctx.detail(`Added to ${team.name} as ${input.role}.`);
  revalidateTeam(team.id);
  return { ok: true, message: `${user.email} added as ${input.role}.` };
});

export const setMemberRoleAction = action('team.member-role', memberRoleInput, async (input, ctx) => {
  const team = await teamFor(ctx, input.teamId);
  await memberTarget(ctx, input.userId);
  const changed = await setMemberRole(db(), team.id, input.userId, input.role);
  ctx.detail(`Role in ${team.name}: ${changed.from} to ${changed.role}.`);
  revalidateTeam(team.id);
  return { ok: true, message: `${changed.email} is now a ${changed.role}.` };
});

/** Takes a user out of the team; what they made there stays with the team. */
export const removeMemberAction = action('team.member-remove', removeMemberInput, async (input, ctx) => {
  const team = await teamFor(ctx, input.teamId);
  await memberTarget(ctx, input.userId);
  const { email } = await removeMember(db(), team.id, input.userId);
  ctx.detail(`Removed from ${team.name}.`);
  revalidateTeam(team.id);
  return { ok: true, message: `${email} removed from ${team.name}.` };
});

/** Sets the team's image and instance quotas (blank: no team limit). */
export const setQuotaAction = action('team.quota', teamQuotaInput, async (input, ctx) => {
  const team = await teamFor(ctx, input.teamId);
  // A quota left out of the request keeps its value (blank, sent, means no limit).
  const quota = {
    maxImages: input.maxImages === undefined ? team.maxImages : input.maxImages,
    maxInstances: input.maxInstances === undefined ? team.maxInstances : input.maxInstances,
  };
  ctx.detail(`Max images ${quotaText(quota.maxImages)}, max instances ${quotaText(quota.maxInstances)}.`);
  await setQuota(db(), team.id, quota);
  revalidateTeam(team.id);
  return { ok: true, message: 'Quotas saved.' };
});

/** Turns the "backups required" policy on or off; reports how many instances break it. */
export const setPolicyAction = action('team.policy', teamPolicyInput, async (input, ctx) => {
  const team = await teamFor(ctx, input.teamId);
  ctx.detail(input.backupsRequired ? 'Backups required.' : 'Backups not required.');
  const { withoutBackups } = await setBackupsRequired(db(), team.id, input.backupsRequired);
  revalidatePath('/', 'layout');
  const message = !input.backupsRequired
    ? 'Backups are no longer required.'
    : withoutBackups === 0
      ? 'Backups are now required. Every instance complies.'
      : `Backups are now required. ${withoutBackups} ${withoutBackups === 1 ? 'instance does' : 'instances do'} not have backups on.`;
  return { ok: true, message, data: { withoutBackups } };
});
