'use server';

import { revalidatePath } from 'next/cache';
import { requireCaller } from '@/lib/auth/session';
import { assertCanWrite, canRead, readableTeamIds } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { captureImageInput, deleteImageInput, deployImageInput, updateImageInput } from '@/lib/schemas/images';
import { NotFoundError, DomainError } from '@/lib/services/errors';
import { deleteImage, startCapture, startDeployFromImage, updateImage } from '@/lib/services/images';
import { getInstance } from '@/lib/services/instances';
import { invalid, refused, type ActionState } from './state';

// Server actions for images. Each one: parse the form, check the caller may act on the team
// that owns the resource, call the service, return state (a job id to follow where work starts).

async function imageFor(callerTeams: (teamId: string) => boolean, imageId: string) {
  const image = await db().image.findUnique({ where: { id: imageId } });
  if (!image || !callerTeams(image.teamId)) throw new NotFoundError('The image');
  return image;
}

/** Starts a capture after the preflight; returns the job id so the form can follow it at once. */
export async function captureImageAction(_prev: ActionState, form: FormData): Promise<ActionState<{ jobId: string; imageId: string }>> {
  const caller = await requireCaller();
  const parsed = captureImageInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const instance = await getInstance(db(), readableTeamIds(caller), parsed.data.instanceId);
    if (!instance) throw new NotFoundError('The instance');
    assertCanWrite(caller, instance.teamId);
    const started = await startCapture(db(), caller, parsed.data);
    revalidatePath(`/instances/${instance.id}`);
    revalidatePath('/images');
    return { ok: true, message: 'Capture started.', data: started };
  } catch (error) {
    return refused(error);
  }
}

export async function updateImageAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const parsed = updateImageInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const image = await imageFor((t) => canRead(caller, t), parsed.data.imageId);
    assertCanWrite(caller, image.teamId);
    await updateImage(db(), image.id, { label: parsed.data.label, description: parsed.data.description });
    revalidatePath('/images');
    return { ok: true, message: 'Image saved.' };
  } catch (error) {
    return refused(error);
  }
}

/** Deletes only when the typed confirmation is the image's exact label. */
export async function deleteImageAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const parsed = deleteImageInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const image = await imageFor((t) => canRead(caller, t), parsed.data.imageId);
    assertCanWrite(caller, image.teamId);
    if (parsed.data.confirm !== image.label) throw new DomainError(`Type the image's label, ${image.label}, to confirm.`, 'confirm');
    await deleteImage(db(), image.id);
    revalidatePath('/images');
    return { ok: true, message: `Image ${image.label} deleted.` };
  } catch (error) {
    return refused(error);
  }
}

/** Deploys a new instance from an image into a team the caller may act in. */
export async function deployImageAction(_prev: ActionState, form: FormData): Promise<ActionState<{ jobId: string; instanceId: string }>> {
  const caller = await requireCaller();
  const parsed = deployImageInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await imageFor((t) => canRead(caller, t), parsed.data.imageId);
    assertCanWrite(caller, parsed.data.teamId);
    const started = await startDeployFromImage(db(), caller, parsed.data);
    revalidatePath('/instances');
    return { ok: true, message: 'Deploy started.', data: started };
  } catch (error) {
    return refused(error);
  }
}
