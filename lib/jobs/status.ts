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
  const system = systemReason(error);
  if (system) return system;
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const reason = lines.at(-1) ?? '';
  if (!reason) return 'The job failed for an unknown reason.';
  return reason.length > 500 ? `${reason.slice(0, 499)}…` : reason;
}

// What a failed file or network call means, in words. Node's own message ("ENOENT: no such file
// or directory, open '/var/lib/…'") names the server's paths and says nothing a user can act on.
const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'A file it needed is missing on the server: a disk or store file was moved or deleted.',
  ENOSPC: 'The server ran out of disk space.',
  EDQUOT: 'The server ran out of disk quota.',
  EACCES: 'The server may not read or write a file it needed: permission denied.',
  EPERM: 'The server may not read or write a file it needed: operation not permitted.',
  EROFS: 'The disk it writes to is read-only.',
  EIO: 'The disk reported a read or write error.',
  EMFILE: 'The server has too many files open; try again shortly.',
  ECONNREFUSED: 'A service it needed refused the connection.',
  ECONNRESET: 'A service it needed closed the connection.',
  ETIMEDOUT: 'A service it needed did not answer in time.',
  EHOSTUNREACH: 'A service it needed cannot be reached.',
  ENOTFOUND: "A service it needed has a name that doesn't resolve.",
};

function systemReason(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const { code, syscall } = error as NodeJS.ErrnoException;
  // Only Node's own errors carry a syscall; an error of ours with a code keeps its words.
  if (typeof code !== 'string' || typeof syscall !== 'string') return null;
  // The code and call stay, for whoever reads the log; the path does not.
  const said = SYSTEM_REASONS[code] ?? 'A system call failed.';
  return `${said.replace(/\.$/, '')} [${code}, ${syscall}].`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
