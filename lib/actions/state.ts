// Client-safe: forms import this (useActionState's initial state), so it imports nothing; the
// helpers that build state from errors are server code, in ./server-state.ts.

// What every form action returns: a message for the form, errors per field, and on success
// whatever the page needs next (a job id to follow, say). Expected failures are state, not throws.
export type ActionState<T = unknown> = {
  ok: boolean;
  message?: string;
  errors?: Record<string, string[]>;
  /** For a refusal: what kind (invalid, not_found, forbidden, busy, quota…), which /api/v1 turns into its status. */
  code?: string;
  data?: T;
};

export const initialState: ActionState = { ok: false };
