// Errors callers and handlers use on purpose.

/** A second disk operation on an instance (or any job on a held lockKey) while one is active. */
export class InstanceBusyError extends Error {
  constructor(
    readonly lockKey: string,
    readonly busyJob?: { id: string; kind: string; status: string },
  ) {
    const state = busyJob?.status === 'queued' ? 'waiting to run' : 'in progress';
    super(`Another operation is already ${state} here. Wait for it to finish or cancel it, then try again.`);
    this.name = 'InstanceBusyError';
  }
}

/**
 * Thrown by a handler when trying again cannot help (the image was deleted, the disk is over
 * the ceiling): the job fails at once with this message instead of using up its attempts.
 */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/** Prisma's unique-constraint violation (P2002), as both driver adapters report it. */
export function isUniqueViolation(error: unknown, field: string): boolean {
  if (typeof error !== 'object' || error === null || (error as { code?: unknown }).code !== 'P2002') return false;
  const meta = (error as { meta?: Record<string, unknown> }).meta ?? {};
  // SQLite names the fields, PostgreSQL the index (Job_lockKey_key), older shapes a target.
  // When nothing is named, it is ours: the Job table has no other unique column a caller sets.
  const text = JSON.stringify(meta);
  if (!/constraint|target/.test(text)) return true;
  return text.includes(`"${field}"`) || text.includes(`_${field}_key`);
}
