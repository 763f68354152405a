import { z } from 'zod';
import type { ProviderDescriptor } from '../descriptor';

// Instances whose disks are files on this host: Lifeboat makes them, measures their data and
// keeps their images and backups in its own chunk stores.
export const localDescriptor = {
  kind: 'local',
  label: 'Local',
  traits: {
    remote: false,
    diskBasis: 'used',
    ownsBackupSchedule: false,
    canVerifyBackups: true,
    needsRootPassword: false,
    restoreReplacesAllDisks: false,
    storesCopies: true,
    ownCatalogue: false,
    swapBytes: 0,
  },
  hostAccount: { name: 'Local host' },
  // Nothing to call, so nothing to check: a token or URL sent along is kept and unused.
  credentials: { schema: z.object({}) },
  copy: {
    choice: 'Local (this host)',
    restore: "The chosen instance's primary disk is **overwritten** with the backup.",
  },
} as const satisfies ProviderDescriptor;
