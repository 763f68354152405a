import { Counter } from 'prom-client';

// Refused sign-ins as a Prometheus counter, for /metrics (lib/metrics/exposition.ts registers
// it). Counted in the web server that refused them, since its start: with several web servers,
// scrape each and add them up. Kept on globalThis because Next may load this module more than
// once in one process, and a second counter would miss what the first one counted.

export const SIGN_IN_FAILURE_REASONS = ['wrong_password', 'unknown_user', 'disabled', 'throttled'] as const;
export type SignInFailureReason = (typeof SIGN_IN_FAILURE_REASONS)[number];

const store = globalThis as unknown as { lifeboatSignInFailures?: Counter<'reason'> };

export function signInFailures(): Counter<'reason'> {
  if (!store.lifeboatSignInFailures) {
    const counter = new Counter({
      name: 'lifeboat_signin_failures_total',
      help: 'Sign-ins refused by this web server since it started, by reason (throttled: too many failures first).',
      labelNames: ['reason'],
      registers: [],
    });
    // Every reason shows from the start, at 0, so a rate over it is defined before the first failure.
    for (const reason of SIGN_IN_FAILURE_REASONS) counter.inc({ reason }, 0);
    store.lifeboatSignInFailures = counter;
  }
  return store.lifeboatSignInFailures;
}

export function countSignInFailure(reason: SignInFailureReason): void {
  signInFailures().inc({ reason });
}
