'use server';

import { revalidatePath } from 'next/cache';
import { authorize } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { assignInstanceInput } from '@/lib/schemas/instances';
import { assignInstance } from '@/lib/services/instances';
import { instanceFor } from './guards';
import { action } from './safe-action';

/** Admins assign an instance to a team: from then on that team's members see and act on it. */
export const assignInstanceAction = action('instance.assign', assignInstanceInput, async (input, ctx) => {
  authorize(ctx.caller, 'admin');
  const instance = await instanceFor(ctx, input.instanceId);
  const { team } = await assignInstance(db(), instance.id, input.teamId);
  // The entry belongs to the team that receives it; the detail names the one it left.
  ctx.target({ teamId: team.id });
  ctx.detail(`Moved to team ${team.name}.`);
  revalidatePath(`/instances/${instance.id}`);
  return { ok: true, message: `${instance.label} now belongs to team ${team.name}.` };
});
