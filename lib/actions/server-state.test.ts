import { describe, expect, it } from 'vitest';
import { ProviderRefusal, ProviderRetryableError } from '@/lib/providers/errors';
import { DomainError } from '@/lib/domain/errors';
import { refused } from './server-state';

// Expected refusals become form state; a provider's land beside the form field they concern.
describe('refused', () => {
  it('puts a domain refusal on its field', () => {
    expect(refused(new DomainError('Choose a plan.', 'plan'))).toEqual({
      ok: false,
      message: 'Choose a plan.',
      code: 'invalid',
      errors: { plan: ['Choose a plan.'] },
    });
  });

  it("puts a provider's refusal on the form field it names", () => {
    const error = new ProviderRefusal({ message: 'Password too weak.', field: 'rootPassword' });
    expect(refused(error)).toEqual({
      ok: false,
      message: 'Password too weak.',
      code: 'refused',
      errors: { rootPassword: ['Password too weak.'] },
    });
  });

  it('shows a provider failure without a field as the form message', () => {
    const error = new ProviderRetryableError({ message: 'The API failed (503).' });
    expect(refused(error)).toEqual({
      ok: false,
      message: 'The API failed (503).',
      code: 'provider_failed',
      errors: undefined,
    });
  });

  it("keeps a refusal's own code, for the API's status", () => {
    expect(refused(new DomainError('Busy.', 'confirm', 'busy')).code).toBe('busy');
    expect(refused(new DomainError('Not allowed.')).code).toBe('refused');
  });

  it('throws anything unexpected on, for the error page and the log', () => {
    expect(() => refused(new Error('boom'))).toThrow('boom');
  });
});
