import { describe, expect, it } from 'vitest';
import { LinodeApiError } from '@/lib/providers/linode/client';
import { DomainError } from '@/lib/domain/errors';
import { refused } from './server-state';

// Expected refusals become form state; Linode's land beside the form field they concern.
describe('refused', () => {
  it('puts a domain refusal on its field', () => {
    expect(refused(new DomainError('Choose a plan.', 'plan'))).toEqual({
      ok: false,
      message: 'Choose a plan.',
      errors: { plan: ['Choose a plan.'] },
    });
  });

  it("puts Linode's refusal on the form field named after the API's field", () => {
    const error = new LinodeApiError({
      status: 400,
      method: 'POST',
      path: '/linode/instances',
      reasons: [{ field: 'root_pass', reason: 'Password does not meet strength requirement.' }],
      message: 'root_pass: Password does not meet strength requirement.',
    });
    expect(refused(error)).toEqual({
      ok: false,
      message: 'root_pass: Password does not meet strength requirement.',
      errors: { rootPassword: ['root_pass: Password does not meet strength requirement.'] },
    });
  });

  it('shows a Linode failure without a field as the form message', () => {
    const error = new LinodeApiError({
      status: 503,
      method: 'POST',
      path: '/linode/instances/7/backups/enable',
      reasons: [],
      message: "Linode's API failed (503).",
    });
    expect(refused(error)).toEqual({ ok: false, message: "Linode's API failed (503).", errors: undefined });
  });

  it('throws anything unexpected on, for the error page and the log', () => {
    expect(() => refused(new Error('boom'))).toThrow('boom');
  });
});
