'use server';

import { revalidatePath } from 'next/cache';
import { authorize } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import {
  backupIdInput,
  bulkEnableInput,
  cancelBackupsInput,
  deployBackupInput,
  instanceIdInput,
  restoreInput,
  scheduleInput,
  snapshotInput,
} from '@/lib/schemas/backups';
import { cancelBackups, enableBackups, enableBackupsOf, updateSchedule } from '@/lib/services/backups';
import { startDeployFromBackup } from '@/lib/operations/deploy-backup';
import { startRestore } from '@/lib/operations/restore-backup';
import { startSnapshot } from '@/lib/operations/backup';
import { startVerify } from '@/lib/operations/verify-backup';
import { DomainError, NotFoundError } from '@/lib/domain/errors';
import { alsoInBackupTeam, backupFor, deployTeam, instanceFor } from './guards';
import { action } from './safe-action';
import type { ActionState } from './state';

// Server actions of the backup service. Each checks the caller may act on the instance's team
// (and, for a restore, on the target's team) before the service runs.

function done(instanceId: string, message: string, data?: unknown): ActionState {
  revalidatePath(`/instances/${instanceId}`);
  return { ok: true, message, data };
}

export const enableBackupsAction = action('backups.enable', instanceIdInput, async (input, ctx) => {
  const instance = await instanceFor(ctx, input.instanceId);
  await enableBackups(db(), instance.id);
  return done(instance.id, 'Backups enabled.');
});

/** Cancelling deletes every backup, so it takes the instance's exact label. */
export const cancelBackupsAction = action('backups.cancel', cancelBackupsInput, async (input, ctx) => {
  const instance = await instanceFor(ctx, input.instanceId);
  if (input.confirm !== instance.label)
    throw new DomainError(`Type the instance's label, ${instance.label}, to confirm.`, 'confirm');
  const count = await cancelBackups(db(), instance.id);
  ctx.detail(`${count} backup(s) deleted.`);
  return done(instance.id, `Backups cancelled; ${count} backup(s) deleted.`);
});

export const updateScheduleAction = action('backups.schedule', scheduleInput, async (input, ctx) => {
  const instance = await instanceFor(ctx, input.instanceId);
  // Either half left out of the request keeps what the instance has.
  const day = input.day ?? instance.backupDay;
  const window = input.window ?? instance.backupWindow;
  await updateSchedule(db(), instance.id, day, window);
  ctx.detail(`${day}, ${window}.`);
  return done(instance.id, 'Schedule saved.');
});

export const snapshotAction = action('backups.snapshot', snapshotInput, async (input, ctx) => {
  const instance = await instanceFor(ctx, input.instanceId);
  const started = await startSnapshot(db(), ctx.caller, instance.id, input.label);
  return done(instance.id, 'Snapshot started.', started);
});

/** Restoring overwrites the target's disk, so it takes the target's exact label. */
export const restoreAction = action('backups.restore', restoreInput, async (input, ctx) => {
  const backup = await backupFor(ctx, input.backupId);
  // The entry is the target's (its disk is what changes); a backup of another team is named
  // only in that team's own entry.
  const target = await instanceFor(ctx, input.targetInstanceId);
  if (backup.teamId === target.teamId) {
    ctx.detail(`From the ${backup.slot ?? backup.kind} backup ${backup.id} of ${backup.instance.label}.`);
  } else {
    ctx.detail('From a backup of another team.');
    alsoInBackupTeam(ctx, backup, 'Restore of this backup onto an instance of another team.');
  }
  if (input.confirm !== target.label)
    throw new DomainError(`Type ${target.label} to confirm that its disk is overwritten.`, 'confirm');
  const started = await startRestore(db(), ctx.caller, backup.id, target.id);
  revalidatePath(`/instances/${backup.instanceId}`);
  return done(target.id, 'Restore started.', { ...started, targetInstanceId: target.id });
});

export const verifyBackupAction = action('backups.verify', backupIdInput, async (input, ctx) => {
  const backup = await backupFor(ctx, input.backupId);
  const started = await startVerify(db(), ctx.caller, backup.id);
  return done(backup.instanceId, 'Verification started.', started);
});

/** A new instance from a backup, in the backup's region, into a team the caller may act in. */
export const deployBackupAction = action('backups.deploy', deployBackupInput, async (input, ctx) => {
  const backup = await backupFor(ctx, input.backupId);
  deployTeam(ctx, input.teamId);
  if (backup.teamId === input.teamId) {
    ctx.detail(`New instance ${input.label}.`);
  } else {
    // As for an image: the receiving team's entry names the new instance, the backup's team's the backup.
    ctx.target({ type: 'instance', id: null, label: input.label, teamId: input.teamId });
    ctx.detail('From a backup of another team.');
    alsoInBackupTeam(ctx, backup, 'Deploy of this backup into another team.');
  }
  const started = await startDeployFromBackup(db(), ctx.caller, input);
  if (backup.teamId !== input.teamId) ctx.target({ id: started.instanceId });
  revalidatePath('/instances');
  return { ok: true, message: 'Deploy started.', data: { ...started, backupId: backup.id } };
});

/** Enables backups on every selected instance the caller may act on; refuses the lot if any is not theirs. */
export const bulkEnableBackupsAction = action('backups.enable-bulk', bulkEnableInput, async (input, ctx) => {
  const instances = await db().instance.findMany({ where: { id: { in: input.instanceIds } } });
  if (instances.length !== input.instanceIds.length) throw new NotFoundError('One of the instances');
  for (const i of instances) authorize(ctx.caller, 'read', i.teamId, 'One of the instances');
  for (const i of instances) authorize(ctx.caller, 'write', i.teamId);
  // One entry per team, each naming only that team's instances.
  const byTeam = new Map<string, typeof instances>();
  for (const i of instances) byTeam.set(i.teamId, [...(byTeam.get(i.teamId) ?? []), i]);
  const names = (list: typeof instances) =>
    list
      .map((i) => i.label)
      .join(', ')
      .slice(0, 200);
  const [first, ...others] = [...byTeam];
  ctx.target({ type: 'instance', label: names(first[1]), teamId: first[0] });
  for (const [teamId, list] of others) ctx.also({ teamId, type: 'instance', label: names(list), detail: '' });
  await enableBackupsOf(
    db(),
    instances.map((i) => i.id),
  );
  revalidatePath('/instances');
  return { ok: true, message: `Backups enabled for ${instances.length} instance${instances.length === 1 ? '' : 's'}.` };
});
