import type { Db } from '@/lib/db/client';
import { traitsOf } from '@/lib/providers';
import { LinodeApiError } from '@/lib/providers/linode/client';
import { LinodeOperationError } from '@/lib/providers/linode/follow';
import { syncInstance } from '@/lib/services/sync';
import { PermanentJobError } from '@/lib/jobs';

// What the handlers share for providers that do their work remotely (Linode).

/**
 * A refusal stays a refusal: Linode said no (a 4xx other than 429) or ran the operation and it
 * failed, so trying again would fail the same way. Rate limits, 5xx and lost connections stay
 * retryable (the client has already retried what was safe to repeat).
 */
export function asJobError(error: unknown): unknown {
  if (error instanceof LinodeOperationError)
    return new PermanentJobError(`Linode could not finish it: ${error.message}`);
  if (error instanceof LinodeApiError && error.isRefusal) return new PermanentJobError(error.message);
  return error;
}

export async function remote<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw asJobError(error);
  }
}

/** After a remote operation changed an instance (new disks, new status), reads it back. */
export async function refreshRemote(db: Db, instanceId: string, log: (line: string) => void) {
  const instance = await db.instance.findUnique({ where: { id: instanceId }, include: { account: true } });
  if (!instance?.remoteId || !traitsOf(instance.account.kind).remote) return;
  await syncInstance(db, instance.account, instance.remoteId);
  log('Read the instance back from the provider');
}
