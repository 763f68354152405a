import { describe, expect, it } from 'vitest';
import { ProviderPermanentError, ProviderRefusal, ProviderRetryableError } from '../errors';
import { LinodeApiError, type Method } from './client';
import { translateLinodeError } from './errors';
import { LinodeOperationError } from './follow';

// Linode's errors leave the provider as the neutral ones: a refusal lands beside the form field
// Lifeboat names after the API's, a failed operation ends its job for good, the rest may pass.
const apiError = (status: number, method: Method, path: string, field?: string) =>
  new LinodeApiError({
    status,
    method,
    path,
    reasons: field ? [{ field, reason: 'Password does not meet strength requirement.' }] : [],
    message: field ? `${field}: Password does not meet strength requirement.` : "Linode's API failed (503).",
  });

describe('translateLinodeError', () => {
  it("puts Linode's refusal on the form field named after the API's field", () => {
    const error = translateLinodeError(apiError(400, 'POST', '/linode/instances', 'root_pass'));
    expect(error).toBeInstanceOf(ProviderRefusal);
    expect(error).toMatchObject({
      message: 'root_pass: Password does not meet strength requirement.',
      field: 'rootPassword',
    });
  });

  it('a Linode failure without a field may pass if tried again', () => {
    const error = translateLinodeError(apiError(503, 'POST', '/linode/instances/7/backups/enable'));
    expect(error).toBeInstanceOf(ProviderRetryableError);
    expect(error).toMatchObject({ message: "Linode's API failed (503).", field: undefined });
  });

  it('a rate limit is not a refusal', () => {
    expect(translateLinodeError(apiError(429, 'GET', '/profile'))).toBeInstanceOf(ProviderRetryableError);
  });

  it('an operation Linode ran and failed ends the job, in its words', () => {
    const error = translateLinodeError(new LinodeOperationError('disk_imagize', 'Image would be 7000 MB.'));
    expect(error).toBeInstanceOf(ProviderPermanentError);
    expect(error).toMatchObject({ message: 'Linode could not finish it: Image would be 7000 MB.' });
  });

  it('leaves anything else as it is', () => {
    const error = new Error('disk full');
    expect(translateLinodeError(error)).toBe(error);
  });
});
