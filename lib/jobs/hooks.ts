import type { DbOrTx } from './types';

/** How a job ended, as the end hook is told it. */
export type JobEndStatus = 'succeeded' | 'failed' | 'cancelled';
export type JobEndHook = (db: DbOrTx, jobId: string, status: JobEndStatus, error: string | null) => Promise<void>;

// The engine knows nothing of what its jobs mean; the app tells it, once at start, what to do
// when any job ends (write the audit entry). Kept on globalThis for the same reason as the
// handlers (registry.ts): Next may load this module more than once.
const store = globalThis as unknown as { lifeboatJobEndHook?: JobEndHook };

export function setJobEndHook(hook: JobEndHook | undefined): void {
  store.lifeboatJobEndHook = hook;
}

/** Runs after the row has taken its end state, only for the caller that won that transition. */
export async function jobEnded(db: DbOrTx, jobId: string, status: JobEndStatus, error: string | null) {
  await store.lifeboatJobEndHook?.(db, jobId, status, error);
}
