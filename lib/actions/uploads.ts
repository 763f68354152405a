import 'server-only';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorize } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { DomainError } from '@/lib/domain/errors';
import { startUpload } from '@/lib/operations/upload-image';
import { uploadImageInput } from '@/lib/schemas/images';
import { action } from './safe-action';

// Uploading a disk image file as a new image. Not a server action (this file is not 'use
// server': a file can be far bigger than an action's body limit): the route
// app/api/images/upload calls it with the request's body as a stream. It is made with action()
// all the same, so the caller, the input, the permission and the audit entry are checked and
// written exactly as for a capture.

export type UploadBody = { stream: AsyncIterable<Uint8Array>; declaredBytes?: number; signal?: AbortSignal };
export type UploadStarted = { imageId: string; jobId: string };
/** A refusal's reason (DomainError's code: not_found, forbidden, image_limit, too_large…), for the route's status. */
export type UploadRefused = { code: string };

const isBody = (v: unknown): v is UploadBody =>
  !!v && typeof v === 'object' && Symbol.asyncIterator in ((v as UploadBody).stream ?? {});

const input = uploadImageInput.extend({ body: z.custom<UploadBody>(isBody, 'Send the file as the request body.') });

/** Authorizes as a capture does (write on the chosen team), then receives the file and starts its job. */
export const uploadImageAction = action<typeof input, UploadStarted | UploadRefused>(
  'image.upload',
  input,
  async ({ body, ...fields }, ctx) => {
    try {
      // As for a capture: a team the caller cannot see is "not found", and its log is not written to.
      authorize(ctx.caller, 'read', fields.teamId, 'The team');
      ctx.target({ type: 'image', label: fields.label, teamId: fields.teamId });
      authorize(ctx.caller, 'write', fields.teamId);
      ctx.detail(`Image label: ${fields.label}. File: ${fields.fileName}.`);
      const started = await startUpload(db(), ctx.caller, fields, body);
      ctx.target({ id: started.imageId });
      revalidatePath('/images');
      return { ok: true, message: 'Upload received; the image is being made.', data: started };
    } catch (error) {
      // Refused: state with the reason, which the gate audits as a refusal like any other.
      if (!(error instanceof DomainError)) throw error;
      return {
        ok: false,
        message: error.message,
        errors: error.field ? { [error.field]: [error.message] } : undefined,
        data: { code: error.code ?? 'refused' },
      };
    }
  },
);
