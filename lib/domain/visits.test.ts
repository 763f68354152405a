import { describe, expect, it } from 'vitest';
import { countVisits, type VisitEvent } from './visits';

const signIn: VisitEvent = { action: 'auth.signin' };
const change: VisitEvent = { action: 'user.password-change' };

describe('countVisits', () => {
  it('counts a first sign-in as the first visit', () => {
    expect(countVisits([signIn])).toBe(1);
  });
  it('keeps the sign-in that follows a password change in the same visit', () => {
    // One-time password, the user's own password chosen, the form signs in again.
    expect(countVisits([signIn, change, signIn])).toBe(1);
  });
  it('counts every later sign-in as another visit', () => {
    expect(countVisits([signIn, change, signIn, signIn])).toBe(2);
    expect(countVisits([signIn, signIn])).toBe(2);
  });
  it('is no visit before any sign-in', () => {
    expect(countVisits([])).toBe(0);
  });
});
