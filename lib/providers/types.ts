// The interface every provider implements (SPEC §2): the rest of the app never knows whether an
// instance is a file on this host or a Linode. Later issues add capture, backup and restore here.

export type DiskKind = 'primary' | 'swap';

export type DiskRef = { instanceId: string; diskId: string; region: string };

export type NewDisk = { id: string; label: string; kind: DiskKind; sizeBytes: number };

export type DiskMeasure = {
  sizeBytes: number;
  /** Bytes in use on the disk. */
  usedBytes: number;
  /**
   * What usedBytes means: "used" is data actually on the disk (what the image ceiling is about);
   * "allocated" is all the provider can tell (Linode's API gives only the disk's size).
   */
  basis: 'used' | 'allocated';
};

export type OperationOptions = { onProgress?: (bytesDone: number, bytesTotal: number) => void; signal?: AbortSignal };

/** What a finished capture reports; sizes in bytes. */
export type CapturedImage = { sizeBytes: number; dataBytes: number; storedBytes: number; newBytes: number; digest: string };

export interface Provider {
  readonly kind: 'local' | 'linode';
  /** Creates the disks of a new instance, empty. */
  createDisks(instanceId: string, region: string, disks: NewDisk[]): Promise<void>;
  /** Measures a disk as it is now. */
  measureDisk(disk: DiskRef): Promise<DiskMeasure>;
  /** Removes every disk of an instance. */
  destroyInstance(instanceId: string, region: string): Promise<void>;
  /** Copies a disk into a new image. Nothing is left under imageId if it fails or is aborted. */
  captureImage(disk: DiskRef, imageId: string, options?: OperationOptions): Promise<CapturedImage>;
  /** Rebuilds a disk from an image and checks it against the image's digest. */
  deployImage(imageId: string, target: DiskRef & { sizeBytes: number }, options?: OperationOptions): Promise<{ digest: string }>;
  /** Deletes an image; its storage is reclaimed by collectImageGarbage. */
  deleteImage(imageId: string): Promise<void>;
  /** Frees storage no image refers to any more. */
  collectImageGarbage(): Promise<{ freedBytes: number }>;
  /** Backs a disk up into its region's backup store. Nothing is left under backupId on failure. */
  captureBackup(disk: DiskRef, backupId: string, options?: OperationOptions): Promise<CapturedImage>;
  /** Rebuilds a disk in the backup's region from it, checked against its digest. */
  restoreBackup(backupId: string, target: DiskRef & { sizeBytes: number }, options?: OperationOptions): Promise<{ digest: string }>;
  /** Re-reads a backup's chunks and checks them. */
  verifyBackup(backupId: string, region: string, options?: OperationOptions): Promise<{ ok: boolean; problems: string[] }>;
  deleteBackup(backupId: string, region: string): Promise<void>;
  collectBackupGarbage(region: string): Promise<{ freedBytes: number }>;
}
