import { z } from 'zod';
import type { ProviderDescriptor } from '../descriptor';

// Linode (API v4): the account's instances live there and are read in by a sync; Linode does
// the work of every operation and keeps its backups itself, out of Lifeboat's reach.
export const linodeDescriptor = {
  kind: 'linode',
  label: 'Linode',
  traits: {
    remote: true,
    diskBasis: 'allocated',
    ownsBackupSchedule: true,
    canVerifyBackups: false,
    needsRootPassword: true,
    restoreReplacesAllDisks: true,
    storesCopies: false,
    ownCatalogue: true,
    // Linode makes a 512 MB swap disk beside the main one unless told otherwise.
    swapBytes: 512 * 1024 * 1024,
  },
  credentials: {
    // A personal access token, checked with a read call before it is saved (module.ts).
    schema: z.object({ apiToken: z.string({ error: 'A Linode account needs a personal access token.' }) }),
    defaultBaseUrl: 'https://api.linode.com/v4',
  },
  copy: {
    choice: 'Linode (API v4)',
    accountHint:
      "A Linode token is checked with a read call before it is saved; the account's instances, backups and images are then read in, unassigned until you give them to teams.",
    instanceName: (id: string) => `Linode ${id}`,
    deletesRemote: (id: string) =>
      `Linode ${id} itself is deleted in the account: Linode removes its disks and backups with it and gives up its IP addresses.`,
    restore: "Linode **replaces every disk** of the chosen instance with the backup's, and leaves it powered off.",
    schedulesItself:
      'Linode takes the automatic backups in this window and rotates them itself; they show here after the next sync.',
    cannotVerify: 'Linode keeps its backups where Lifeboat cannot read them, so they cannot be verified here.',
  },
} as const satisfies ProviderDescriptor;
