import { z } from 'zod';
import { backupDaySchema, backupWindowSchema } from '@/lib/domain/backups/schedule-schema';
import { instanceLabel } from './instances';
import { labelText } from './text';

export const instanceIdInput = z.object({ instanceId: z.string().min(1) });

// Either half left out of the request keeps what the instance has.
export const scheduleInput = z.object({
  instanceId: z.string().min(1),
  day: backupDaySchema.optional(),
  window: backupWindowSchema.optional(),
});

export const snapshotInput = z.object({
  instanceId: z.string().min(1),
  label: labelText('Give the snapshot a label.')
    .min(1, 'Give the snapshot a label.')
    .max(255, 'A snapshot label can have at most 255 characters.'),
});

export const cancelBackupsInput = z.object({ instanceId: z.string().min(1), confirm: z.string() });

export const restoreInput = z.object({
  backupId: z.string().min(1),
  targetInstanceId: z.string().min(1, 'Choose the instance to restore onto.'),
  confirm: z.string(),
});

export const deployBackupInput = z.object({
  backupId: z.string().min(1),
  label: instanceLabel,
  teamId: z.string().min(1, 'Choose a team.'),
  plan: z.string().min(1, 'Choose a plan.'),
});

export const bulkEnableInput = z.object({
  // One ticked box arrives as a string, several as an array.
  instanceIds: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.string().min(1))
      .min(1, 'Select at least one instance.')
      .max(100, 'Select at most 100 instances at a time.'),
  ),
});

export const backupIdInput = z.object({ backupId: z.string().min(1) });
