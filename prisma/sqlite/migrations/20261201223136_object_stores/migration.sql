-- CreateTable
CREATE TABLE "StoreSetting" (
    "scope" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT NOT NULL,
    "accessKeyId" TEXT,
    "secretAccessKeyEncrypted" TEXT,
    "storeKeyEncrypted" TEXT,
    "updatedById" TEXT,
    "updatedByName" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "StoreLease" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "store" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "StoreLease_store_kind_idx" ON "StoreLease"("store", "kind");
