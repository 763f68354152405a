-- AlterTable
ALTER TABLE "Team" ADD COLUMN "holdsAccountId" TEXT;

-- AlterTable
ALTER TABLE "ProviderAccount" ADD COLUMN "syncError" TEXT;
ALTER TABLE "ProviderAccount" ADD COLUMN "syncedAt" DATETIME;

-- AlterTable
ALTER TABLE "Disk" ADD COLUMN "remoteId" TEXT;

-- AlterTable
ALTER TABLE "Image" ADD COLUMN "remoteId" TEXT;

-- AlterTable
ALTER TABLE "Backup" ADD COLUMN "remoteId" TEXT;

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
    "remoteId" TEXT,
    "tags" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Instance_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ProviderAccount" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Instance_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Instance" ("accountId", "backupDay", "backupWindow", "backupsEnabled", "backupsEnabledAt", "createdAt", "id", "label", "plan", "primaryUsedBytes", "region", "status", "teamId", "updatedAt") SELECT "accountId", "backupDay", "backupWindow", "backupsEnabled", "backupsEnabledAt", "createdAt", "id", "label", "plan", "primaryUsedBytes", "region", "status", "teamId", "updatedAt" FROM "Instance";
DROP TABLE "Instance";
ALTER TABLE "new_Instance" RENAME TO "Instance";
CREATE INDEX "Instance_teamId_label_idx" ON "Instance"("teamId", "label");
CREATE INDEX "Instance_primaryUsedBytes_idx" ON "Instance"("primaryUsedBytes");
CREATE INDEX "Instance_createdAt_idx" ON "Instance"("createdAt");
CREATE UNIQUE INDEX "Instance_accountId_label_key" ON "Instance"("accountId", "label");
CREATE UNIQUE INDEX "Instance_accountId_remoteId_key" ON "Instance"("accountId", "remoteId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Team_holdsAccountId_key" ON "Team"("holdsAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Image_accountId_remoteId_key" ON "Image"("accountId", "remoteId");

-- CreateIndex
CREATE UNIQUE INDEX "Backup_instanceId_remoteId_key" ON "Backup"("instanceId", "remoteId");
