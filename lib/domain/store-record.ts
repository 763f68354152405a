import { z } from 'zod';

// What an image or a backup is, written into its manifest by the capture, so the store
// describes itself. With it and the manifest's own fields (when, sizes, chunk list, digest) a
// store can be used without the database: `npm run store -- rebuild` turns records back into rows.
// One schema for the writer and the reader, so what is written is what can be read back.

const who = z.object({ id: z.string().nullable(), name: z.string() });
const named = z.object({ id: z.string(), name: z.string() });

const storeRecordSchema = z.object({
  kind: z.enum(['image', 'backup']),
  /** The row's id (also the manifest's id). */
  id: z.string(),
  label: z.string(),
  description: z.string().default(''),
  team: named,
  account: named.extend({ kind: z.string() }),
  instance: z.object({ id: z.string(), label: z.string(), region: z.string(), plan: z.string() }),
  disk: z.object({ id: z.string(), label: z.string() }),
  createdBy: who,
  /** Backups: automatic or snapshot, and the schedule window an automatic one belongs to. Its
   *  daily/weekly/biweekly slot is decided after it is taken, so a rebuild recomputes it. */
  backup: z.object({ kind: z.enum(['automatic', 'snapshot']), windowStart: z.string().nullable() }).optional(),
});

export type StoreRecord = z.infer<typeof storeRecordSchema>;

type InstanceRow = { id: string; label: string; region: string; plan: string };
type Owners = {
  team: { id: string; name: string };
  account: { id: string; name: string; kind: string };
  instance: InstanceRow;
  disk: { id: string; label: string };
};

export function imageRecord(
  image: { id: string; label: string; description: string; createdById: string | null; createdByName: string },
  owners: Owners,
): StoreRecord {
  return {
    kind: 'image',
    id: image.id,
    label: image.label,
    description: image.description,
    ...pick(owners),
    createdBy: { id: image.createdById, name: image.createdByName },
  };
}

export function backupRecord(
  backup: {
    id: string;
    label: string;
    kind: string;
    windowStart: Date | null;
    createdById: string | null;
    createdByName: string;
  },
  owners: Owners,
): StoreRecord {
  return {
    kind: 'backup',
    id: backup.id,
    label: backup.label,
    description: '',
    ...pick(owners),
    createdBy: { id: backup.createdById, name: backup.createdByName },
    backup: {
      kind: backup.kind === 'snapshot' ? 'snapshot' : 'automatic',
      windowStart: backup.windowStart?.toISOString() ?? null,
    },
  };
}

const pick = ({ team, account, instance, disk }: Owners) => ({
  team: { id: team.id, name: team.name },
  account: { id: account.id, name: account.name, kind: account.kind },
  instance: { id: instance.id, label: instance.label, region: instance.region, plan: instance.plan },
  disk: { id: disk.id, label: disk.label },
});

/** The record in a manifest's `about`, or why it cannot be used (a manifest from before records). */
export function readStoreRecord(about: unknown): { record: StoreRecord } | { problem: string } {
  if (about === undefined) return { problem: 'it was written before images and backups described themselves' };
  const parsed = storeRecordSchema.safeParse(about);
  if (!parsed.success)
    return {
      problem: `its description is unreadable (${parsed.error.issues[0].path.join('.') || 'record'}: ${parsed.error.issues[0].message})`,
    };
  return { record: parsed.data };
}
