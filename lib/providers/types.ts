import type { DiskBasis, ProviderTraits } from './descriptor';

export type { DiskBasis, ProviderTraits } from './descriptor';

// The interface every provider implements: the rest of the app never knows whether an instance
// is a file on this host or a server somewhere else. Every reference carries Lifeboat's id and,
// for a remote provider, the provider's own id (`remoteId`): a local provider uses the first, a
// remote one the second.

export type DiskKind = 'primary' | 'swap';

export type DiskRef = {
  instanceId: string;
  diskId: string;
  region: string;
  remoteInstanceId?: string | null;
  remoteDiskId?: string | null;
};

/** What a new or rebuilt instance is: where it goes, on which plan, what it is called. */
export type DeployTarget = DiskRef & {
  sizeBytes: number;
  /** A new instance (a deploy), which a remote provider creates; else an existing one is rebuilt. */
  create?: boolean;
  label?: string;
  plan?: string;
  rootPassword?: string;
};

export type InstanceRef = { id: string; region: string; remoteId?: string | null };

export type ImageRef = { id: string; label?: string; description?: string; remoteId?: string | null };

/** A backup and the instance it was taken of (a remote restore names both). */
export type BackupRef = {
  id: string;
  region: string;
  label?: string;
  remoteId?: string | null;
  remoteInstanceId?: string | null;
};

export type NewDisk = { id: string; label: string; kind: DiskKind; sizeBytes: number };

export type DiskMeasure = {
  sizeBytes: number;
  /** Bytes in use on the disk. */
  usedBytes: number;
  /** What usedBytes means (ProviderTraits.diskBasis). */
  basis: DiskBasis;
  /** For "used": whether the disk's own filesystem said so, or (without one Lifeboat can read)
   *  the space the host holds for it. */
  measuredBy?: 'filesystem' | 'host';
};

/** What a collection freed; retryAfterMs when chunks were too young to collect yet (object stores'
 *  grace period), so the caller runs it again then. */
export type GarbageCollected = { freedBytes: number; retryAfterMs?: number };

export type OperationOptions = {
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  signal?: AbortSignal;
  /** A capture's own record of what it is (lib/domain/store-record.ts), kept beside its data
   *  where the provider's store can hold it. */
  about?: Record<string, unknown>;
  /**
   * Called as soon as a remote provider has accepted the operation, with the id of what it is
   * making (an image, a backup, an instance). The job stores it before following the operation,
   * so an attempt that dies afterwards resumes it instead of starting a second one.
   */
  onRemoteId?: (remoteId: string) => Promise<void>;
  /** One line for the job's log (what the provider is waiting for). */
  log?: (line: string) => void;
};

/** What a finished capture reports; sizes in bytes. */
export type CapturedImage = {
  sizeBytes: number;
  dataBytes: number;
  storedBytes: number;
  newBytes: number;
  digest: string;
  remoteId?: string;
};

/** An instance as a remote account has it, in Lifeboat's terms (sizes in bytes). */
export type RemoteInstance = {
  remoteId: string;
  label: string;
  region: string;
  plan: string;
  status: 'provisioning' | 'running' | 'offline' | 'busy' | 'restoring';
  tags: string[];
  backups: { enabled: boolean; day: string; window: string };
  disks: { remoteId: string; label: string; kind: DiskKind; sizeBytes: number }[];
  /** Its backups, the automatic ones newest first; absent while the service is off. */
  backupList: RemoteBackup[];
};

export type RemoteBackup = {
  remoteId: string;
  kind: 'automatic' | 'snapshot';
  label: string;
  status: 'pending' | 'running' | 'successful' | 'failed';
  sizeBytes: number;
  takenAt: Date | null;
  /** What the backup row records as its digest: the provider's own name for it where it shows no hash. */
  digest: string;
};

export type RemoteImage = {
  remoteId: string;
  label: string;
  description: string;
  status: 'creating' | 'available';
  sizeBytes: number;
  region: string;
  createdAt: Date;
  /** What the image row records as its digest, the one a deploy from it reports. */
  digest: string;
};

/** A remote account's catalogue: what can be deployed where. */
export type RemotePlan = {
  id: string;
  label: string;
  diskBytes: number;
  memoryMb: number;
  pricePerMonth: number;
  backupPricePerMonth: number | null;
};
export type RemoteRegion = { id: string; label: string };

/** What a remote provider lists, for the sync that reads an account into Lifeboat. */
export interface Inventory {
  listInstances(): Promise<RemoteInstance[]>;
  readInstance(remoteId: string): Promise<RemoteInstance>;
  listImages(): Promise<RemoteImage[]>;
  listPlans(): Promise<RemotePlan[]>;
  listRegions(): Promise<RemoteRegion[]>;
}

export interface Provider {
  /** A remote provider's listing of the account; absent for the local one (Lifeboat made every instance). */
  readonly inventory?: Inventory;
  readonly kind: string;
  readonly traits: ProviderTraits;
  /** Creates the disks of a new instance, empty (a remote provider makes them when it deploys). */
  createDisks(
    instanceId: string,
    region: string,
    disks: NewDisk[],
    options?: { keepExisting?: boolean; blank?: boolean },
  ): Promise<void>;
  /** Measures a disk as it is now. */
  measureDisk(disk: DiskRef): Promise<DiskMeasure>;
  /** Removes every disk of an instance that failed to deploy. */
  destroyInstance(instanceId: string, region: string, remoteId?: string | null): Promise<void>;
  /**
   * Deletes an instance a user chose to delete, for good: its disks and every backup of it (the
   * snapshot too), as the service we model does. Images taken of it are the account's and stay.
   * An instance already gone at the provider counts as deleted.
   */
  deleteInstance(instance: InstanceRef, backups: BackupRef[]): Promise<void>;
  /** Copies a disk into a new image. Nothing usable is left if it fails or is aborted. */
  captureImage(disk: DiskRef, image: ImageRef, options?: OperationOptions): Promise<CapturedImage>;
  /**
   * Uploaded images, for a provider that keeps images on this host (absent elsewhere): measures a
   * raw disk file as its disks are measured, and copies it into a new image. Nothing usable is
   * left if the capture fails or is aborted.
   */
  readonly uploads?: {
    measureFile(file: string): Promise<Omit<DiskMeasure, 'basis'> & { source: 'filesystem' | 'host' }>;
    captureFile(file: string, image: ImageRef, options?: OperationOptions): Promise<CapturedImage>;
  };
  /** Builds a disk (a remote provider: a whole instance) from an image, checked against its digest. */
  deployImage(
    image: ImageRef,
    target: DeployTarget,
    options?: OperationOptions,
  ): Promise<{ digest: string; remoteInstanceId?: string }>;
  /** Renames an image where the provider keeps its own label. */
  updateImage(image: ImageRef, changes: { label: string; description: string }): Promise<void>;
  /** Deletes an image; local storage is reclaimed by collectImageGarbage. */
  deleteImage(image: ImageRef): Promise<void>;
  /** Frees storage no image refers to any more. */
  collectImageGarbage(): Promise<GarbageCollected>;
  /** Turns the backup service on or off for an instance (cancelling deletes its backups). */
  setBackups(instance: InstanceRef, enabled: boolean): Promise<void>;
  /** Sets the weekly day and 2-hour UTC window of the automatic backups. */
  setBackupSchedule(instance: InstanceRef, schedule: { day: string; window: string }): Promise<void>;
  /** Backs a disk up into its region's backup store. Nothing usable is left on failure. */
  captureBackup(disk: DiskRef, backup: BackupRef, options?: OperationOptions): Promise<CapturedImage>;
  /**
   * Rebuilds a disk in the backup's region from it, checked against its digest; with `create`
   * the target is a new instance (deploy from a backup).
   */
  restoreBackup(
    backup: BackupRef,
    target: DeployTarget,
    options?: OperationOptions,
  ): Promise<{ digest: string; remoteInstanceId?: string }>;
  /** Re-reads a backup's chunks and checks them. */
  verifyBackup(
    backupId: string,
    region: string,
    options?: OperationOptions,
  ): Promise<{ ok: boolean; problems: string[] }>;
  deleteBackup(backup: BackupRef): Promise<void>;
  collectBackupGarbage(region: string): Promise<GarbageCollected>;
}
