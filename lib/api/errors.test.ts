import { describe, expect, it } from 'vitest';
import { ApiError, statusOf } from './errors';

describe('API error statuses', () => {
  it('maps the refusal codes to their statuses', () => {
    expect(statusOf('not_found')).toBe(404);
    expect(statusOf('forbidden')).toBe(403);
    expect(statusOf('busy')).toBe(409);
    expect(statusOf('invalid')).toBe(422);
    expect(statusOf('rate_limited')).toBe(429);
  });
  it('treats an unknown or missing code as a refusal of the request (422), never a server error', () => {
    expect(statusOf('wrong_password')).toBe(422);
    expect(statusOf(undefined)).toBe(422);
  });
  it('has one body shape, with fields only when there are some', () => {
    expect(ApiError.of('not_found', 'Gone.').body()).toEqual({ error: { code: 'not_found', message: 'Gone.' } });
    expect(ApiError.of('invalid', 'Check.', { label: ['Too long.'] }).body()).toEqual({
      error: { code: 'invalid', message: 'Check.', fields: { label: ['Too long.'] } },
    });
  });
});
