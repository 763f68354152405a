import type { DiskRef } from './types';

/** A disk as every provider names it: Lifeboat's ids, and the provider's own where it has them. */
export function diskRef(
  instance: { id: string; region: string; remoteId?: string | null },
  disk: { id: string; remoteId?: string | null },
): DiskRef {
  return {
    instanceId: instance.id,
    diskId: disk.id,
    region: instance.region,
    remoteInstanceId: instance.remoteId ?? null,
    remoteDiskId: disk.remoteId ?? null,
  };
}
