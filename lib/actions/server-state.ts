import 'server-only';
import { z } from 'zod';
import { DomainError } from '@/lib/domain/errors';
import { ProviderError, ProviderRefusal } from '@/lib/providers/errors';
import type { ActionState } from './state';

// The action gate's side of form state: a failed parse and an expected refusal become state the
// form shows. Kept apart from ./state.ts because these reach the providers' errors, which no
// client bundle may carry.

export function invalid(error: z.ZodError): ActionState<never> {
  return {
    ok: false,
    message: 'Check the highlighted fields.',
    code: 'invalid',
    errors: z.flattenError(error).fieldErrors as Record<string, string[]>,
  };
}

/** Turns an expected refusal into state; re-throws anything unexpected so it reaches the error page and the log. */
export function refused(error: unknown): ActionState<never> {
  if (error instanceof DomainError) {
    return {
      ok: false,
      message: error.message,
      code: error.code ?? (error.field ? 'invalid' : 'refused'),
      errors: error.field ? { [error.field]: [error.message] } : undefined,
    };
  }
  // A provider's refusals and failures are already in plain words, and name the form field they
  // concern: the user reads them on the form, not on an error page.
  if (error instanceof ProviderError) {
    const field = error.field;
    return {
      ok: false,
      message: error.message,
      code: error instanceof ProviderRefusal ? 'refused' : 'provider_failed',
      errors: field ? { [field]: [error.message] } : undefined,
    };
  }
  throw error;
}
