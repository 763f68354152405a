-- CreateTable
CREATE TABLE "Backup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "slot" TEXT,
    "label" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "failureReason" TEXT,
    "damaged" BOOLEAN NOT NULL DEFAULT false,
    "verifiedAt" DATETIME,
    "diskId" TEXT NOT NULL,
    "sizeBytes" BIGINT NOT NULL DEFAULT 0,
    "dataBytes" BIGINT NOT NULL DEFAULT 0,
    "storedBytes" BIGINT NOT NULL DEFAULT 0,
    "newBytes" BIGINT NOT NULL DEFAULT 0,
    "digest" TEXT,
    "windowStart" DATETIME,
    "takenAt" DATETIME,
    "jobId" TEXT,
    "createdById" TEXT,
    "createdByName" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Backup_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Instance_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ProviderAccount" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Instance_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Instance" ("accountId", "backupsEnabled", "createdAt", "id", "label", "plan", "primaryUsedBytes", "region", "status", "teamId", "updatedAt") SELECT "accountId", "backupsEnabled", "createdAt", "id", "label", "plan", "primaryUsedBytes", "region", "status", "teamId", "updatedAt" FROM "Instance";
DROP TABLE "Instance";
ALTER TABLE "new_Instance" RENAME TO "Instance";
CREATE INDEX "Instance_teamId_label_idx" ON "Instance"("teamId", "label");
CREATE INDEX "Instance_primaryUsedBytes_idx" ON "Instance"("primaryUsedBytes");
CREATE INDEX "Instance_createdAt_idx" ON "Instance"("createdAt");
CREATE UNIQUE INDEX "Instance_accountId_label_key" ON "Instance"("accountId", "label");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Backup_instanceId_status_idx" ON "Backup"("instanceId", "status");

-- CreateIndex
CREATE INDEX "Backup_teamId_createdAt_idx" ON "Backup"("teamId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Backup_instanceId_windowStart_key" ON "Backup"("instanceId", "windowStart");
