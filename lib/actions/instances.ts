'use server';

import { revalidatePath } from 'next/cache';
import { authorize } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import {
  assignByTagInput,
  assignInstanceInput,
  deleteInstanceInput,
  removeTagRuleInput,
} from '@/lib/schemas/instances';
import { deleteInstance } from '@/lib/services/deletion';
import { DomainError, NotFoundError } from '@/lib/domain/errors';
import { assignByTag, assignInstance } from '@/lib/services/instances';
import { instanceFor } from './guards';
import { action } from './safe-action';

/** Admins assign an instance to a team: from then on that team's members see and act on it. */
export const assignInstanceAction = action('instance.assign', assignInstanceInput, async (input, ctx) => {
  authorize(ctx.caller, 'admin');
  const instance = await instanceFor(ctx, input.instanceId);
  // The entry belongs to the team that receives it (a refusal speaks of its quota), naming the
  // instance only once it is theirs; the team it leaves gets one of its own. Neither names the
  // other team: each log reads only its own side.
  ctx.target({ id: null, label: '', teamId: input.teamId });
  ctx.also({
    teamId: instance.teamId,
    type: 'instance',
    id: instance.id,
    label: instance.label,
    detail: 'Move to another team.',
  });
  const { team } = await assignInstance(db(), instance.id, input.teamId);
  ctx.target({ id: instance.id, label: instance.label });
  ctx.detail(`Moved to team ${team.name}.`);
  revalidatePath(`/instances/${instance.id}`);
  return { ok: true, message: `${instance.label} now belongs to team ${team.name}.` };
});

/** Admins give every instance of an account carrying a tag to a team, in one go. */
export const assignByTagAction = action('instance.assign-tag', assignByTagInput, async (input, ctx) => {
  authorize(ctx.caller, 'admin');
  const [account, team] = await Promise.all([
    db().providerAccount.findUnique({ where: { id: input.accountId } }),
    db().team.findUnique({ where: { id: input.teamId } }),
  ]);
  if (!account) throw new NotFoundError('The account');
  ctx.target({ type: 'account', id: account.id, label: account.name, teamId: team?.id });
  const { moved, matched, movedFrom } = await assignByTag(db(), account.id, input.tag, input.teamId, {
    remember: input.remember,
  });
  // Each team an instance left reads that it left, naming only its own instances.
  for (const [teamId, labels] of movedFrom)
    ctx.also({
      teamId,
      type: 'instance',
      label: labels.join(', ').slice(0, 200),
      detail: `Tag ${input.tag}: move to another team.`,
    });
  ctx.detail(
    `Tag ${input.tag} to team ${team?.name}: ${moved.join(', ') || 'none moved'}${input.remember ? '; kept as a rule' : ''}.`,
  );
  revalidatePath('/', 'layout');
  const now = moved.length
    ? `${moved.length} instance(s) tagged "${input.tag}" now belong to ${team?.name}: ${moved.join(', ')}.`
    : matched
      ? `All ${matched} instance(s) tagged "${input.tag}" already belong to ${team?.name}.`
      : `No instance has the tag "${input.tag}" yet.`;
  return {
    ok: true,
    message: input.remember ? `${now} New instances tagged "${input.tag}" will go to ${team?.name} too.` : now,
  };
});

/** Admins stop a tag rule; instances it assigned stay where they are. */
export const removeTagRuleAction = action('instance.tag-rule-remove', removeTagRuleInput, async (input, ctx) => {
  authorize(ctx.caller, 'admin');
  const rule = await db().tagRule.findUnique({ where: { id: input.ruleId }, include: { account: true, team: true } });
  if (!rule) throw new NotFoundError('The rule');
  ctx.target({ type: 'account', id: rule.accountId, label: rule.account.name, teamId: rule.teamId });
  ctx.detail(`Tag ${rule.tag} to team ${rule.team.name} stopped.`);
  await db().tagRule.delete({ where: { id: rule.id } });
  revalidatePath('/admin/accounts');
  return { ok: true, message: `New instances tagged "${rule.tag}" will no longer go to ${rule.team.name}.` };
});

/** Members and admins of its team delete an instance for good, with its exact label typed. */
export const deleteInstanceAction = action('instance.delete', deleteInstanceInput, async (input, ctx) => {
  const instance = await instanceFor(ctx, input.instanceId);
  if (input.confirm !== instance.label)
    throw new DomainError(`Type the instance's label, ${instance.label}, to confirm.`, 'confirm');
  const gone = await deleteInstance(db(), instance.id);
  const backups = gone.backups + gone.snapshots;
  ctx.detail(`${gone.disks} disk(s) and ${backups} backup(s) deleted; ${gone.images} image(s) of it kept.`);
  // Only the list: the instance's own page is gone, and the form leaves it for the list.
  revalidatePath('/instances');
  return {
    ok: true,
    message: `Instance ${instance.label} deleted, with its disks and ${backups} backup${backups === 1 ? '' : 's'}.`,
  };
});
