import 'server-only';
import { authorize, type Permission } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { NotFoundError } from '@/lib/domain/errors';
import type { ActionContext } from './safe-action';

// Loads the resource an action is about, names it for the audit entry and checks the caller may
// act on its team. Not found and not visible look the same, so ids reveal nothing.

type TeamResource = { id: string; teamId: string };

/** The checks after the read, the same for every kind: found, visible, named, then allowed. */
function checked<T extends TeamResource>(
  ctx: ActionContext,
  row: T | null,
  type: 'instance' | 'image' | 'backup',
  label: (row: T) => string,
  permission: Permission,
): T {
  const what = `The ${type}`;
  if (!row) throw new NotFoundError(what);
  authorize(ctx.caller, 'read', row.teamId, what);
  ctx.target({ type, id: row.id, label: label(row), teamId: row.teamId });
  authorize(ctx.caller, permission, row.teamId);
  return row;
}

export async function instanceFor(ctx: ActionContext, instanceId: string, permission: Permission = 'write') {
  const instance = await db().instance.findUnique({ where: { id: instanceId } });
  return checked(ctx, instance, 'instance', (i) => i.label, permission);
}

export async function imageFor(ctx: ActionContext, imageId: string, permission: Permission = 'write') {
  const image = await db().image.findUnique({ where: { id: imageId } });
  return checked(ctx, image, 'image', (i) => i.label, permission);
}

type LoadedBackup = Awaited<ReturnType<typeof backupFor>>;

/** How a backup is named in the audit log: its instance and its slot. */
export const backupLabel = (b: { instance: { label: string }; slot: string | null; kind: string }) =>
  `${b.instance.label} ${b.slot ?? b.kind}`;

/** Names the backup in its own team's log too, when the action reaches into another team. */
export function alsoInBackupTeam(ctx: ActionContext, backup: LoadedBackup, detail: string) {
  ctx.also({ teamId: backup.teamId, type: 'backup', id: backup.id, label: backupLabel(backup), detail });
}

export async function backupFor(ctx: ActionContext, backupId: string, permission: Permission = 'write') {
  const backup = await db().backup.findUnique({
    where: { id: backupId },
    include: { instance: { select: { label: true } } },
  });
  return checked(ctx, backup, 'backup', backupLabel, permission);
}

/** The team a new instance goes into must be one the caller may act in. */
export function deployTeam(ctx: ActionContext, teamId: string) {
  authorize(ctx.caller, 'write', teamId, 'The team');
}
