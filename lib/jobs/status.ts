// Small pure rules shared by the worker and the UI.

/** Queued or running: the job holds its lock and the UI keeps polling it. */
export function isActive(status: string): boolean {
  return status === 'queued' || status === 'running';
}

/** Wait before retry number `attempt` (1 = after the first failure): doubling, capped. */
export function retryDelayMs(attempt: number, baseMs = 2000, maxMs = 60_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * The sentence a user reads when a job fails. Errors thrown on purpose carry a plain message;
 * library errors (Prisma's) put the actual reason on their last line after a code excerpt.
 */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const reason = lines.at(-1) ?? '';
  if (!reason) return 'The job failed for an unknown reason.';
  return reason.length > 500 ? `${reason.slice(0, 499)}…` : reason;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
