import fs from 'node:fs/promises';
import type { DiskMeasure, NewDisk, Provider } from '../types';
import { allocatedBytes, createSparseFile, createSparseFileIfMissing } from './disk-files';
import {
  captureLocalBackup,
  collectLocalBackupGarbage,
  deleteLocalBackup,
  restoreLocalBackup,
  verifyLocalBackup,
} from './backups';
import { captureLocalImage, collectLocalImageGarbage, deleteLocalImage, deployLocalImage } from './images';
import { diskPath, instanceDir } from './paths';
import { localDescriptor } from './descriptor';

export { diskPath, instanceDir } from './paths';

export const localProvider: Provider = {
  kind: localDescriptor.kind,
  traits: localDescriptor.traits,

  // keepExisting leaves a disk file already there as it is (a recovery finding its disks again).
  async createDisks(instanceId, region, disks: NewDisk[], options = {}) {
    const create = options.keepExisting ? createSparseFileIfMissing : createSparseFile;
    for (const disk of disks) await create(diskPath({ instanceId, region, diskId: disk.id }), disk.sizeBytes);
  },

  async measureDisk(disk): Promise<DiskMeasure> {
    return { ...(await allocatedBytes(diskPath(disk))), basis: 'used' };
  },

  async destroyInstance(instanceId, region) {
    await fs.rm(instanceDir(instanceId, region), { recursive: true, force: true });
  },

  // The disk files go, and the manifests of its backups; the backup store's garbage collection
  // frees the chunks no other backup uses (the caller queues it).
  async deleteInstance(instance, backups) {
    await fs.rm(instanceDir(instance.id, instance.region), { recursive: true, force: true });
    for (const backup of backups) await deleteLocalBackup(backup);
  },

  captureImage: captureLocalImage,
  deployImage: deployLocalImage,
  // Labels, backup settings and schedules of local instances live in Lifeboat's own rows.
  async updateImage() {},
  async setBackups() {},
  async setBackupSchedule() {},
  deleteImage: deleteLocalImage,
  collectImageGarbage: collectLocalImageGarbage,
  captureBackup: captureLocalBackup,
  restoreBackup: restoreLocalBackup,
  verifyBackup: verifyLocalBackup,
  deleteBackup: deleteLocalBackup,
  collectBackupGarbage: collectLocalBackupGarbage,
};
