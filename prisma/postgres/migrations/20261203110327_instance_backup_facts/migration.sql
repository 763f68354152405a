-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "lastBackupAt" TIMESTAMP(3),
ADD COLUMN     "lastBackupFailed" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Instance_backupsEnabled_lastBackupFailed_lastBackupAt_backu_idx" ON "Instance"("backupsEnabled", "lastBackupFailed", "lastBackupAt", "backupsEnabledAt");

-- CreateIndex
CREATE INDEX "Instance_teamId_backupsEnabled_lastBackupFailed_lastBackupA_idx" ON "Instance"("teamId", "backupsEnabled", "lastBackupFailed", "lastBackupAt", "backupsEnabledAt");

-- The facts as the existing backups say (lib/services/backup-facts.ts keeps them from now on):
-- the newest successful backup's time, and whether the latest attempt failed.
UPDATE "Instance" SET
  "lastBackupAt" = (
    SELECT MAX(b."takenAt") FROM "Backup" b WHERE b."instanceId" = "Instance"."id" AND b."status" = 'successful'
  ),
  "lastBackupFailed" = COALESCE((
    SELECT b."status" = 'failed' FROM "Backup" b
    WHERE b."instanceId" = "Instance"."id" AND b."status" IN ('successful', 'failed')
    ORDER BY b."createdAt" DESC LIMIT 1
  ), false);
