import type { Db } from '@/lib/db/client';
import { traitsOf } from '@/lib/providers';
import { ProviderPermanentError, ProviderRefusal } from '@/lib/providers/errors';
import { syncInstance } from '@/lib/services/sync';
import { PermanentJobError } from '@/lib/jobs';

// What the handlers share for providers that do their work remotely.

/**
 * A refusal stays a refusal: the provider said no, or ran the operation and it failed, so trying
 * again would fail the same way. Anything else stays retryable (a provider's client has already
 * retried what was safe to repeat).
 */
function asJobError(error: unknown): unknown {
  if (error instanceof ProviderRefusal || error instanceof ProviderPermanentError)
    return new PermanentJobError(error.message);
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
