import { describe, expect, it } from 'vitest';
import { SESSION_MAX_AGE_S, sessionEndsAt, sessionSecondsLeft, sessionValid } from './session-age';

const H = 60 * 60;
const signedInAt = 1_800_000_000;
const at = (secondsAfterSignIn: number) => (signedInAt + secondsAfterSignIn) * 1000;

describe('sessionValid', () => {
  it('holds for 12 hours from sign-in and not a second longer', () => {
    expect(SESSION_MAX_AGE_S).toBe(12 * H);
    expect(sessionValid({ signedInAt }, at(0))).toBe(true);
    expect(sessionValid({ signedInAt }, at(11 * H))).toBe(true);
    expect(sessionValid({ signedInAt }, at(12 * H - 1))).toBe(true);
    expect(sessionValid({ signedInAt }, at(12 * H))).toBe(false);
    expect(sessionValid({ signedInAt }, at(12 * H + 60))).toBe(false);
  });

  it('ends a token without a usable sign-in time (issued before the limit): its age is unknown', () => {
    for (const token of [
      {},
      { signedInAt: undefined },
      { signedInAt: String(signedInAt) },
      { signedInAt: Number.NaN },
      { signedInAt: Infinity },
      { signedInAt: null },
    ]) {
      expect(sessionValid(token, at(0))).toBe(false);
    }
  });

  it('refuses a sign-in time from the future beyond a minute of clock skew', () => {
    expect(sessionValid({ signedInAt }, at(-60))).toBe(true);
    expect(sessionValid({ signedInAt }, at(-61))).toBe(false);
    expect(sessionValid({ signedInAt }, at(-12 * H))).toBe(false);
  });
});

describe('sessionEndsAt and sessionSecondsLeft', () => {
  it('count from the sign-in time, not from now', () => {
    expect(sessionEndsAt({ signedInAt })).toBe(signedInAt + 12 * H);
    expect(sessionEndsAt({})).toBeNull();
    expect(sessionSecondsLeft({ signedInAt }, at(0))).toBe(12 * H);
    expect(sessionSecondsLeft({ signedInAt }, at(11 * H + 0.5))).toBe(H - 1);
    expect(sessionSecondsLeft({ signedInAt }, at(13 * H))).toBe(0);
    expect(sessionSecondsLeft({}, at(0))).toBe(0);
  });
});
