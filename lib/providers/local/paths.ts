import path from 'node:path';
import { findRegion } from '@/lib/config/catalog';
import type { DiskRef } from '../types';

/** Where an instance's disks live: <region storage>/disks/<instance>/<disk>.img */
export function instanceDir(instanceId: string, region: string): string {
  const found = findRegion(region);
  if (!found) throw new Error(`Unknown region "${region}"`);
  return path.join(found.storageDir, 'disks', instanceId);
}

export function diskPath(disk: DiskRef): string {
  return path.join(instanceDir(disk.instanceId, disk.region), `${disk.diskId}.img`);
}
