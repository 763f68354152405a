'use server';

import { revalidatePath } from 'next/cache';
import { assertCanWrite, canRead } from '@/lib/auth/permissions';
import { requireCaller } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { bulkEnableInput, cancelBackupsInput, deployBackupInput, instanceIdInput, restoreInput, scheduleInput, snapshotInput } from '@/lib/schemas/backups';
import { cancelBackups, enableBackups, startDeployFromBackup, startRestore, startSnapshot, startVerify, updateSchedule } from '@/lib/services/backups';
import { DomainError, NotFoundError } from '@/lib/services/errors';
import { invalid, refused, type ActionState } from './state';

// Server actions of the backup service. Each checks the caller may act on the instance's team
// (and, for a restore, on the target's team) before the service runs.

async function writableInstance(instanceId: string) {
  const caller = await requireCaller();
  const instance = await db().instance.findUnique({ where: { id: instanceId } });
  if (!instance || !canRead(caller, instance.teamId)) throw new NotFoundError('The instance');
  assertCanWrite(caller, instance.teamId);
  return { caller, instance };
}

function done(instanceId: string, message: string, data?: unknown): ActionState {
  revalidatePath(`/instances/${instanceId}`);
  return { ok: true, message, data };
}

export async function enableBackupsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = instanceIdInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const { instance } = await writableInstance(parsed.data.instanceId);
    await enableBackups(db(), instance.id);
    return done(instance.id, 'Backups enabled.');
  } catch (error) {
    return refused(error);
  }
}

/** Cancelling deletes every backup, so it takes the instance's exact label. */
export async function cancelBackupsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = cancelBackupsInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const { instance } = await writableInstance(parsed.data.instanceId);
    if (parsed.data.confirm !== instance.label) throw new DomainError(`Type the instance's label, ${instance.label}, to confirm.`, 'confirm');
    const count = await cancelBackups(db(), instance.id);
    return done(instance.id, `Backups cancelled; ${count} backup(s) deleted.`);
  } catch (error) {
    return refused(error);
  }
}

export async function updateScheduleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = scheduleInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const { instance } = await writableInstance(parsed.data.instanceId);
    await updateSchedule(db(), instance.id, parsed.data.day, parsed.data.window);
    return done(instance.id, 'Schedule saved.');
  } catch (error) {
    return refused(error);
  }
}

export async function snapshotAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = snapshotInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const { caller, instance } = await writableInstance(parsed.data.instanceId);
    const started = await startSnapshot(db(), caller, instance.id, parsed.data.label);
    return done(instance.id, 'Snapshot started.', started);
  } catch (error) {
    return refused(error);
  }
}

/** Restoring overwrites the target's disk, so it takes the target's exact label. */
export async function restoreAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = restoreInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const backup = await db().backup.findUnique({ where: { id: parsed.data.backupId } });
    if (!backup) throw new NotFoundError('The backup');
    const { caller } = await writableInstance(backup.instanceId);
    const { instance: target } = await writableInstance(parsed.data.targetInstanceId);
    if (parsed.data.confirm !== target.label) throw new DomainError(`Type ${target.label} to confirm that its disk is overwritten.`, 'confirm');
    const started = await startRestore(db(), caller, backup.id, target.id);
    revalidatePath(`/instances/${target.id}`);
    return done(backup.instanceId, 'Restore started.', { ...started, targetInstanceId: target.id });
  } catch (error) {
    return refused(error);
  }
}

export async function verifyBackupAction(backupId: string): Promise<ActionState> {
  try {
    const backup = await db().backup.findUnique({ where: { id: backupId } });
    if (!backup) throw new NotFoundError('The backup');
    const { caller } = await writableInstance(backup.instanceId);
    const started = await startVerify(db(), caller, backup.id);
    return done(backup.instanceId, 'Verification started.', started);
  } catch (error) {
    return refused(error);
  }
}

/** A new instance from a backup, in the backup's region, into a team the caller may act in. */
export async function deployBackupAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = deployBackupInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const backup = await db().backup.findUnique({ where: { id: parsed.data.backupId } });
    if (!backup) throw new NotFoundError('The backup');
    const { caller } = await writableInstance(backup.instanceId);
    assertCanWrite(caller, parsed.data.teamId);
    const started = await startDeployFromBackup(db(), caller, parsed.data);
    revalidatePath('/instances');
    return { ok: true, message: 'Deploy started.', data: started };
  } catch (error) {
    return refused(error);
  }
}

/** Enables backups on every selected instance the caller may act on; refuses the lot if any is not theirs. */
export async function bulkEnableBackupsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = bulkEnableInput.safeParse({ instanceIds: form.getAll('instanceIds') });
  if (!parsed.success) return invalid(parsed.error);
  try {
    const caller = await requireCaller();
    const instances = await db().instance.findMany({ where: { id: { in: parsed.data.instanceIds } } });
    if (instances.length !== parsed.data.instanceIds.length || instances.some((i) => !canRead(caller, i.teamId))) throw new NotFoundError('One of the instances');
    for (const i of instances) assertCanWrite(caller, i.teamId);
    for (const i of instances) await enableBackups(db(), i.id);
    revalidatePath('/instances');
    return { ok: true, message: `Backups enabled for ${instances.length} instance${instances.length === 1 ? '' : 's'}.` };
  } catch (error) {
    return refused(error);
  }
}
