import { describe, expect, it } from 'vitest';
import { retryAfterSeconds, throttleMessage } from './throttle';

const now = new Date('2026-12-01T12:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000);
const rule = { limit: 3, windowMs: 600_000 };

describe('sign-in throttle', () => {
  it('allows attempts under the limit', () => {
    expect(retryAfterSeconds([ago(10), ago(20)], rule, now)).toBe(0);
  });
  it('makes the key wait once the limit is reached, until the limit-th newest failure ages out', () => {
    expect(retryAfterSeconds([ago(10), ago(20), ago(30)], rule, now)).toBe(570);
    expect(retryAfterSeconds([ago(10), ago(20), ago(30), ago(40)], rule, now)).toBe(570);
  });
  it('forgets failures older than the window', () => {
    expect(retryAfterSeconds([ago(10), ago(20), ago(601)], rule, now)).toBe(0);
  });
  it('says how long to wait in minutes', () => {
    expect(throttleMessage(570)).toBe('Too many failed sign-ins. Try again in 10 minutes.');
    expect(throttleMessage(30)).toBe('Too many failed sign-ins. Try again in 1 minute.');
  });
});
