-- CreateTable
CREATE TABLE "MetricsToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "createdById" TEXT,
    "createdByName" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MetricsToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobTally" (
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "seconds" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "bytes" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "JobTally_pkey" PRIMARY KEY ("kind","status","bucket")
);
