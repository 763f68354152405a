import 'server-only';
import { authorize, type Permission } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { NotFoundError } from '@/lib/domain/errors';
import type { ActionContext } from './safe-action';

// Loads the resource an action is about, names it for the audit entry and checks the caller may
// act on its team. Not found and not visible look the same, so ids reveal nothing.

export async function instanceFor(ctx: ActionContext, instanceId: string, permission: Permission = 'write') {
  const instance = await db().instance.findUnique({ where: { id: instanceId } });
  if (!instance) throw new NotFoundError('The instance');
  authorize(ctx.caller, 'read', instance.teamId, 'The instance');
  ctx.target({ type: 'instance', id: instance.id, label: instance.label, teamId: instance.teamId });
  authorize(ctx.caller, permission, instance.teamId);
  return instance;
}

export async function imageFor(ctx: ActionContext, imageId: string, permission: Permission = 'write') {
  const image = await db().image.findUnique({ where: { id: imageId } });
  if (!image) throw new NotFoundError('The image');
  authorize(ctx.caller, 'read', image.teamId, 'The image');
  ctx.target({ type: 'image', id: image.id, label: image.label, teamId: image.teamId });
  authorize(ctx.caller, permission, image.teamId);
  return image;
}

export async function backupFor(ctx: ActionContext, backupId: string, permission: Permission = 'write') {
  const backup = await db().backup.findUnique({
    where: { id: backupId },
    include: { instance: { select: { label: true } } },
  });
  if (!backup) throw new NotFoundError('The backup');
  authorize(ctx.caller, 'read', backup.teamId, 'The backup');
  ctx.target({
    type: 'backup',
    id: backup.id,
    label: `${backup.instance.label} ${backup.slot ?? backup.kind}`,
    teamId: backup.teamId,
  });
  authorize(ctx.caller, permission, backup.teamId);
  return backup;
}

/** The team a new instance goes into must be one the caller may act in. */
export function deployTeam(ctx: ActionContext, teamId: string) {
  authorize(ctx.caller, 'write', teamId, 'The team');
}
