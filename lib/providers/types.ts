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

export interface Provider {
  readonly kind: 'local' | 'linode';
  /** Creates the disks of a new instance, empty. */
  createDisks(instanceId: string, region: string, disks: NewDisk[]): Promise<void>;
  /** Measures a disk as it is now. */
  measureDisk(disk: DiskRef): Promise<DiskMeasure>;
  /** Removes every disk of an instance. */
  destroyInstance(instanceId: string, region: string): Promise<void>;
}
