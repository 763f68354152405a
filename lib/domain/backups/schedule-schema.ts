import { z } from 'zod';
import { BACKUP_DAYS, BACKUP_WINDOWS, type BackupSchedule } from './schedule';

// The schedule's schemas, apart from ./schedule.ts so that client components can use its
// constants and labels without loading zod.
export const backupDaySchema = z.enum(BACKUP_DAYS);
export const backupWindowSchema = z.enum(BACKUP_WINDOWS);
export const backupScheduleSchema: z.ZodType<BackupSchedule> = z.object({
  day: backupDaySchema,
  window: backupWindowSchema,
});
