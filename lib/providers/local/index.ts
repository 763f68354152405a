import fs from 'node:fs/promises';
import path from 'node:path';
import { findRegion } from '@/lib/config/catalog';
import type { DiskMeasure, DiskRef, NewDisk, Provider } from '../types';
import { allocatedBytes, createSparseFile } from './disk-files';

/** Where an instance's disks live: <region storage>/disks/<instance>/<disk>.img */
export function instanceDir(instanceId: string, region: string): string {
  const found = findRegion(region);
  if (!found) throw new Error(`Unknown region "${region}"`);
  return path.join(found.storageDir, 'disks', instanceId);
}

export function diskPath(disk: DiskRef): string {
  return path.join(instanceDir(disk.instanceId, disk.region), `${disk.diskId}.img`);
}

export const localProvider: Provider = {
  kind: 'local',

  async createDisks(instanceId, region, disks: NewDisk[]) {
    for (const disk of disks) await createSparseFile(diskPath({ instanceId, region, diskId: disk.id }), disk.sizeBytes);
  },

  async measureDisk(disk): Promise<DiskMeasure> {
    return { ...(await allocatedBytes(diskPath(disk))), basis: 'used' };
  },

  async destroyInstance(instanceId, region) {
    await fs.rm(instanceDir(instanceId, region), { recursive: true, force: true });
  },
};
