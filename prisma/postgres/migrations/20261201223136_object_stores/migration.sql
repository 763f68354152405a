-- CreateTable
CREATE TABLE "StoreSetting" (
    "scope" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "accessKeyId" TEXT,
    "secretAccessKeyEncrypted" TEXT,
    "storeKeyEncrypted" TEXT,
    "updatedById" TEXT,
    "updatedByName" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StoreSetting_pkey" PRIMARY KEY ("scope")
);

-- CreateTable
CREATE TABLE "StoreLease" (
    "id" TEXT NOT NULL,
    "store" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoreLease_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StoreLease_store_kind_idx" ON "StoreLease"("store", "kind");
