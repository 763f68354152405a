-- CreateTable
CREATE TABLE "MetricsToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "createdById" TEXT,
    "createdByName" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "JobTally" (
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "seconds" REAL NOT NULL DEFAULT 0,
    "bytes" BIGINT NOT NULL DEFAULT 0,

    PRIMARY KEY ("kind", "status", "bucket")
);
