import { z } from 'zod';
import { instanceLabel } from './instances';
import { uploadFileName } from '@/lib/domain/uploads';
import { proseText } from './text';

// One schema per form, shared by the server action and the form's field names.

const imageLabel = z
  .string()
  .trim()
  .min(1, 'Give the image a label.')
  .max(50, 'An image label can have at most 50 characters.')
  .regex(/^[A-Za-z0-9 ,.?\-_']+$/, "Use only letters, digits, spaces and , . ? - _ '");

const description = proseText().max(65_000, 'A description can have at most 65,000 characters.');
const imageDescription = description.default('');

export const captureImageInput = z.object({
  instanceId: z.string().min(1),
  diskId: z.string().min(1, 'Choose a disk.'),
  label: imageLabel,
  description: imageDescription,
});

// A field left out of the request keeps its value; an empty description clears it.
export const updateImageInput = z.object({
  imageId: z.string().min(1),
  label: imageLabel.optional(),
  description: description.optional(),
});

export const deleteImageInput = z.object({
  imageId: z.string().min(1),
  confirm: z.string(),
});

export const deployImageInput = z.object({
  imageId: z.string().min(1),
  label: instanceLabel,
  teamId: z.string().min(1, 'Choose a team.'),
  region: z.string().min(1, 'Choose a region.'),
  plan: z.string().min(1, 'Choose a plan.'),
  // Some providers need one for an instance deployed from an image; others take none.
  rootPassword: z
    .string()
    .max(128, 'A root password can have at most 128 characters.')
    .refine((s) => s === '' || s.length >= 11, 'A root password needs at least 11 characters.')
    .optional()
    .transform((s) => s || undefined),
});

// An upload's fields travel in the address (the body is the file itself): the same label rule as a capture's.
export const uploadImageInput = z.object({
  teamId: z.string().min(1, 'Choose a team.'),
  label: imageLabel,
  description: imageDescription,
  region: z.string().min(1, 'Choose a region.'),
  fileName: z.string().max(1000).transform(uploadFileName).pipe(z.string().min(1, 'Choose a disk image file.')),
});
