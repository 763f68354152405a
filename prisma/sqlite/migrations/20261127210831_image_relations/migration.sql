-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Image" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'creating',
    "failureReason" TEXT,
    "sourceInstanceId" TEXT,
    "sourceInstanceLabel" TEXT NOT NULL,
    "sourceDiskId" TEXT,
    "sourceDiskLabel" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "sizeBytes" BIGINT NOT NULL DEFAULT 0,
    "dataBytes" BIGINT NOT NULL DEFAULT 0,
    "storedBytes" BIGINT NOT NULL DEFAULT 0,
    "newBytes" BIGINT NOT NULL DEFAULT 0,
    "digest" TEXT,
    "jobId" TEXT,
    "createdById" TEXT,
    "createdByName" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Image_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ProviderAccount" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Image_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Image" ("accountId", "createdAt", "createdById", "createdByName", "dataBytes", "description", "digest", "failureReason", "id", "jobId", "label", "newBytes", "region", "sizeBytes", "sourceDiskId", "sourceDiskLabel", "sourceInstanceId", "sourceInstanceLabel", "status", "storedBytes", "teamId", "updatedAt") SELECT "accountId", "createdAt", "createdById", "createdByName", "dataBytes", "description", "digest", "failureReason", "id", "jobId", "label", "newBytes", "region", "sizeBytes", "sourceDiskId", "sourceDiskLabel", "sourceInstanceId", "sourceInstanceLabel", "status", "storedBytes", "teamId", "updatedAt" FROM "Image";
DROP TABLE "Image";
ALTER TABLE "new_Image" RENAME TO "Image";
CREATE INDEX "Image_accountId_status_idx" ON "Image"("accountId", "status");
CREATE INDEX "Image_teamId_createdAt_idx" ON "Image"("teamId", "createdAt");
CREATE INDEX "Image_sourceInstanceId_idx" ON "Image"("sourceInstanceId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
