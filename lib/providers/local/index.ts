import fs from 'node:fs/promises';
import type { DiskMeasure, NewDisk, Provider } from '../types';
import { makeExt4 } from '@/lib/disks/ext4';
import { measureDiskFile } from '@/lib/disks/measure';
import { createSparseFile, createSparseFileIfMissing } from './disk-files';
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

  // A new primary disk is formatted, as a cloud's fresh disk is; swap disks stay blank, and so
  // does every disk with `blank` (bulk rows that only exercise the lists). keepExisting leaves a
  // disk file already there as it is (a recovery finding its disks again).
  async createDisks(instanceId, region, disks: NewDisk[], options = {}) {
    for (const disk of disks) {
      const file = diskPath({ instanceId, region, diskId: disk.id });
      const created = options.keepExisting
        ? await createSparseFileIfMissing(file, disk.sizeBytes)
        : (await createSparseFile(file, disk.sizeBytes), true);
      if (created && disk.kind === 'primary' && !options.blank) await makeExt4(file, disk.label);
    }
  },

  async measureDisk(disk): Promise<DiskMeasure> {
    const usage = await measureDiskFile(diskPath(disk));
    return { sizeBytes: usage.sizeBytes, usedBytes: usage.usedBytes, basis: 'used', measuredBy: usage.source };
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
