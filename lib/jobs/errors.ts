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
