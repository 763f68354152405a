-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "backupDay" TEXT NOT NULL DEFAULT 'Scheduling',
ADD COLUMN     "backupWindow" TEXT NOT NULL DEFAULT 'Scheduling',
ADD COLUMN     "backupsEnabledAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Backup" (
    "id" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "slot" TEXT,
    "label" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "failureReason" TEXT,
    "damaged" BOOLEAN NOT NULL DEFAULT false,
    "verifiedAt" TIMESTAMP(3),
    "diskId" TEXT NOT NULL,
    "sizeBytes" BIGINT NOT NULL DEFAULT 0,
    "dataBytes" BIGINT NOT NULL DEFAULT 0,
    "storedBytes" BIGINT NOT NULL DEFAULT 0,
    "newBytes" BIGINT NOT NULL DEFAULT 0,
    "digest" TEXT,
    "windowStart" TIMESTAMP(3),
    "takenAt" TIMESTAMP(3),
    "jobId" TEXT,
    "createdById" TEXT,
    "createdByName" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Backup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Backup_instanceId_status_idx" ON "Backup"("instanceId", "status");

-- CreateIndex
CREATE INDEX "Backup_teamId_createdAt_idx" ON "Backup"("teamId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Backup_instanceId_windowStart_key" ON "Backup"("instanceId", "windowStart");

-- AddForeignKey
ALTER TABLE "Backup" ADD CONSTRAINT "Backup_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;
