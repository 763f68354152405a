import { ProviderPermanentError, ProviderRefusal, ProviderRetryableError } from '../errors';
import { LinodeApiError } from './client';
import { formFieldFor } from './fields';
import { LinodeOperationError } from './follow';

/**
 * Linode's errors in the app's terms. A refusal (a 4xx other than 429) gets the same answer if
 * asked again, and an operation Linode ran and failed would fail the same way: both end a job for
 * good. Rate limits, 5xx and lost connections may pass (the client has already retried what was
 * safe to repeat). The messages are already in plain words (LinodeApiError builds them), and the
 * field Linode blamed is named as the form names it.
 */
export function translateLinodeError(error: unknown): unknown {
  if (error instanceof LinodeOperationError)
    return new ProviderPermanentError({ message: `Linode could not finish it: ${error.message}`, cause: error });
  if (error instanceof LinodeApiError) {
    const init = { message: error.message, field: formFieldFor(error.field), cause: error };
    return error.isRefusal ? new ProviderRefusal(init) : new ProviderRetryableError(init);
  }
  return error;
}
