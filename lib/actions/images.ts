'use server';

import { revalidatePath } from 'next/cache';
import { db } from '@/lib/db/client';
import { captureImageInput, deleteImageInput, deployImageInput, updateImageInput } from '@/lib/schemas/images';
import { DomainError } from '@/lib/domain/errors';
import { deleteImage, updateImage } from '@/lib/services/images';
import { startCapture } from '@/lib/operations/capture-image';
import { startDeployFromImage } from '@/lib/operations/deploy-image';
import { deployTeam, imageFor, instanceFor } from './guards';
import { action } from './safe-action';

// Server actions for images. Each one: check the caller may act on the team that owns the
// resource, call the service, return state (a job id to follow where work starts).

/** Starts a capture after the preflight; returns the job id so the form can follow it at once. */
export const captureImageAction = action('image.capture', captureImageInput, async (input, ctx) => {
  const instance = await instanceFor(ctx, input.instanceId);
  ctx.detail(`Image label: ${input.label}.`);
  const started = await startCapture(db(), ctx.caller, input);
  revalidatePath(`/instances/${instance.id}`);
  revalidatePath('/images');
  return { ok: true, message: 'Capture started.', data: started };
});

export const updateImageAction = action('image.update', updateImageInput, async (input, ctx) => {
  const image = await imageFor(ctx, input.imageId);
  // A field left out of the request keeps its value; an empty description clears it.
  const label = input.label ?? image.label;
  await updateImage(db(), image.id, { label, description: input.description ?? image.description });
  if (label !== image.label) ctx.detail(`Renamed to ${label}.`);
  revalidatePath('/images');
  return { ok: true, message: 'Image saved.' };
});

/** Deletes only when the typed confirmation is the image's exact label. */
export const deleteImageAction = action('image.delete', deleteImageInput, async (input, ctx) => {
  const image = await imageFor(ctx, input.imageId);
  if (input.confirm !== image.label)
    throw new DomainError(`Type the image's label, ${image.label}, to confirm.`, 'confirm');
  await deleteImage(db(), image.id);
  revalidatePath('/images');
  return { ok: true, message: `Image ${image.label} deleted.` };
});

/** Deploys a new instance from an image into a team the caller may act in. */
export const deployImageAction = action('image.deploy', deployImageInput, async (input, ctx) => {
  const image = await imageFor(ctx, input.imageId, 'read');
  deployTeam(ctx, input.teamId);
  if (image.teamId === input.teamId) {
    ctx.detail(`New instance ${input.label} from image ${image.label}.`);
  } else {
    // The new instance is the receiving team's, the image its own team's: each log names only its side.
    ctx.target({ type: 'instance', id: null, label: input.label, teamId: input.teamId });
    ctx.detail('From an image of another team.');
    ctx.also({
      teamId: image.teamId,
      type: 'image',
      id: image.id,
      label: image.label,
      detail: 'Deploy of this image into another team.',
    });
  }
  const started = await startDeployFromImage(db(), ctx.caller, input);
  if (image.teamId !== input.teamId) ctx.target({ id: started.instanceId });
  revalidatePath('/instances');
  return { ok: true, message: 'Deploy started.', data: started };
});
