import type { z } from 'zod';

// What the app knows about a kind of provider without a token or a connection: its name, what
// it can do (traits) and the sentences the pages say about it. Descriptors import nothing from
// the server, so forms and client components read them directly; what talks to the provider
// lives in each provider's module.ts, registered in registry.ts.

export type DiskBasis = 'used' | 'allocated';

/** What a provider can and cannot do, so the services offer only what it can. */
export type ProviderTraits = {
  /** The account's instances exist on their own and are read in by a sync; else Lifeboat made every one. */
  remote: boolean;
  /**
   * What a disk's "used" figure means: "used" is data actually on the disk (what the image
   * ceiling is about); "allocated" is all the provider tells (the disk's size), so the ceiling
   * cannot be checked before a capture and the provider checks it as it captures.
   */
  diskBasis: DiskBasis;
  /** The provider takes automatic backups on its own schedule; Lifeboat's scheduler leaves them alone. */
  ownsBackupSchedule: boolean;
  /** Lifeboat can re-read a backup's data and check it. */
  canVerifyBackups: boolean;
  /** Deploying an image needs a root password for the new instance. */
  needsRootPassword: boolean;
  /**
   * A restore replaces every disk of the target with the backup's and checks the fit itself;
   * otherwise it overwrites the primary disk, which must be at least the backup's size.
   */
  restoreReplacesAllDisks: boolean;
  /** Lifeboat keeps this provider's images and backups in its own chunk stores (counted, checked, collected, recovered). */
  storesCopies: boolean;
  /** Plans and regions come from the account itself; otherwise from this host's configuration. */
  ownCatalogue: boolean;
  /** The swap disk a deploy from the account's own catalogue makes beside the main one, in bytes. */
  swapBytes: number;
};

/** The credentials an account form sends, as the account row keeps them. */
export type Credentials = { apiToken?: string; apiBaseUrl?: string };

export type ProviderDescriptor = {
  /** Stored in the account row; never renamed once accounts use it. */
  kind: string;
  /** The provider's name in sentences ("created by <label>", "Last read from <label>"). */
  label: string;
  traits: ProviderTraits;
  /** The account this host's own instances belong to when none is recorded (a recovery from the stores). */
  hostAccount?: { name: string };
  credentials: {
    /** What an account of this kind must come with, checked on the form's fields before anything is called. */
    schema: z.ZodType<unknown>;
    /** Where the API is when the account names none. */
    defaultBaseUrl?: string;
  };
  /** Sentences the pages say about this provider, in its own terms. */
  copy: {
    /** Its entry in the account form's list of kinds. */
    choice: string;
    /** What the account form says happens when one is added, if anything beyond saving it. */
    accountHint?: string;
    /** How it calls one of its instances, by its own id. */
    instanceName?: (remoteId: string) => string;
    /** What deleting an instance does there too, for the delete dialog. */
    deletesRemote?: (remoteId: string) => string;
    /** What a restore does to the chosen instance; **…** is said with emphasis. */
    restore: string;
    /** Said on the schedule when the provider takes the automatic backups itself. */
    schedulesItself?: string;
    /** Why its backups cannot be verified, when they cannot. */
    cannotVerify?: string;
  };
};
