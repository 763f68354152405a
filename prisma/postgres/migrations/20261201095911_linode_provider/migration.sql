-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "holdsAccountId" TEXT;

-- AlterTable
ALTER TABLE "ProviderAccount" ADD COLUMN     "syncError" TEXT,
ADD COLUMN     "syncedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "remoteId" TEXT,
ADD COLUMN     "tags" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Disk" ADD COLUMN     "remoteId" TEXT;

-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "remoteId" TEXT;

-- AlterTable
ALTER TABLE "Backup" ADD COLUMN     "remoteId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Team_holdsAccountId_key" ON "Team"("holdsAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Instance_accountId_remoteId_key" ON "Instance"("accountId", "remoteId");

-- CreateIndex
CREATE UNIQUE INDEX "Image_accountId_remoteId_key" ON "Image"("accountId", "remoteId");

-- CreateIndex
CREATE UNIQUE INDEX "Backup_instanceId_remoteId_key" ON "Backup"("instanceId", "remoteId");
