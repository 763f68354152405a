-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Instance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "region" TEXT NOT NULL,
    "plan" TEXT NOT NULL,
    "backupsEnabled" BOOLEAN NOT NULL DEFAULT false,
    "backupsEnabledAt" DATETIME,
    "backupDay" TEXT NOT NULL DEFAULT 'Scheduling',
    "backupWindow" TEXT NOT NULL DEFAULT 'Scheduling',
    "primaryUsedBytes" BIGINT NOT NULL DEFAULT 0,
    "lastBackupAt" DATETIME,
    "lastBackupFailed" BOOLEAN NOT NULL DEFAULT false,
    "remoteId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Instance_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ProviderAccount" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Instance_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Instance" ("accountId", "backupDay", "backupWindow", "backupsEnabled", "backupsEnabledAt", "createdAt", "id", "label", "plan", "primaryUsedBytes", "region", "remoteId", "status", "teamId", "updatedAt") SELECT "accountId", "backupDay", "backupWindow", "backupsEnabled", "backupsEnabledAt", "createdAt", "id", "label", "plan", "primaryUsedBytes", "region", "remoteId", "status", "teamId", "updatedAt" FROM "Instance";
DROP TABLE "Instance";
ALTER TABLE "new_Instance" RENAME TO "Instance";
CREATE INDEX "Instance_label_id_idx" ON "Instance"("label", "id");
CREATE INDEX "Instance_status_id_idx" ON "Instance"("status", "id");
CREATE INDEX "Instance_region_id_idx" ON "Instance"("region", "id");
CREATE INDEX "Instance_plan_id_idx" ON "Instance"("plan", "id");
CREATE INDEX "Instance_primaryUsedBytes_id_idx" ON "Instance"("primaryUsedBytes", "id");
CREATE INDEX "Instance_backupsEnabled_id_idx" ON "Instance"("backupsEnabled", "id");
CREATE INDEX "Instance_createdAt_id_idx" ON "Instance"("createdAt", "id");
CREATE INDEX "Instance_teamId_label_id_idx" ON "Instance"("teamId", "label", "id");
CREATE INDEX "Instance_teamId_status_id_idx" ON "Instance"("teamId", "status", "id");
CREATE INDEX "Instance_teamId_region_id_idx" ON "Instance"("teamId", "region", "id");
CREATE INDEX "Instance_teamId_plan_id_idx" ON "Instance"("teamId", "plan", "id");
CREATE INDEX "Instance_teamId_primaryUsedBytes_id_idx" ON "Instance"("teamId", "primaryUsedBytes", "id");
CREATE INDEX "Instance_teamId_backupsEnabled_id_idx" ON "Instance"("teamId", "backupsEnabled", "id");
CREATE INDEX "Instance_teamId_createdAt_id_idx" ON "Instance"("teamId", "createdAt", "id");
CREATE INDEX "Instance_backupsEnabled_lastBackupFailed_lastBackupAt_backupsEnabledAt_idx" ON "Instance"("backupsEnabled", "lastBackupFailed", "lastBackupAt", "backupsEnabledAt");
CREATE INDEX "Instance_teamId_backupsEnabled_lastBackupFailed_lastBackupAt_backupsEnabledAt_idx" ON "Instance"("teamId", "backupsEnabled", "lastBackupFailed", "lastBackupAt", "backupsEnabledAt");
CREATE UNIQUE INDEX "Instance_accountId_label_key" ON "Instance"("accountId", "label");
CREATE UNIQUE INDEX "Instance_accountId_remoteId_key" ON "Instance"("accountId", "remoteId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
