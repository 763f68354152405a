import { z } from 'zod';
import { DomainError } from '@/lib/domain/errors';
import { LinodeApiError } from '@/lib/providers/linode/client';
import { formFieldFor } from '@/lib/providers/linode/fields';

// What every form action returns: a message for the form, errors per field, and on success
// whatever the page needs next (a job id to follow, say). Expected failures are state, not throws.
export type ActionState<T = unknown> = {
  ok: boolean;
  message?: string;
  errors?: Record<string, string[]>;
  data?: T;
};

export const initialState: ActionState = { ok: false };

export function invalid(error: z.ZodError): ActionState<never> {
  return {
    ok: false,
    message: 'Check the highlighted fields.',
    errors: z.flattenError(error).fieldErrors as Record<string, string[]>,
  };
}

/** Turns an expected refusal into state; re-throws anything unexpected so it reaches the error page and the log. */
export function refused(error: unknown): ActionState<never> {
  if (error instanceof DomainError) {
    return { ok: false, message: error.message, errors: error.field ? { [error.field]: [error.message] } : undefined };
  }
  // Linode's refusals and failures are already in plain words (LinodeApiError builds them), and
  // name the field they concern: the user reads them on the form, not on an error page.
  if (error instanceof LinodeApiError) {
    const field = formFieldFor(error.field);
    return { ok: false, message: error.message, errors: field ? { [field]: [error.message] } : undefined };
  }
  throw error;
}
