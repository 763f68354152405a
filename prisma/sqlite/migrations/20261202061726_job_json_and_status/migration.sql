-- Job status becomes an enum (TEXT here, checked by the client), input and result JSON. The
-- generated default '{}' was unquoted (invalid SQL) and is quoted by hand; a row whose text is not
-- JSON (none is written so) would break every read of the job list, so it is reset on the way.

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "lockKey" TEXT,
    "instanceId" TEXT,
    "teamId" TEXT,
    "createdById" TEXT,
    "input" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB,
    "bytesDone" BIGINT NOT NULL DEFAULT 0,
    "bytesTotal" BIGINT NOT NULL DEFAULT 0,
    "speedBps" REAL,
    "etaSeconds" INTEGER,
    "log" TEXT NOT NULL DEFAULT '',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 3,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "runAfter" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Job" ("attempts", "bytesDone", "bytesTotal", "cancelRequested", "createdAt", "createdById", "error", "etaSeconds", "finishedAt", "id", "input", "instanceId", "kind", "leaseExpiresAt", "leaseOwner", "lockKey", "log", "maxAttempts", "result", "runAfter", "speedBps", "startedAt", "status", "teamId", "updatedAt") SELECT "attempts", "bytesDone", "bytesTotal", "cancelRequested", "createdAt", "createdById", "error", "etaSeconds", "finishedAt", "id", CASE WHEN json_valid("input") THEN "input" ELSE '{}' END, "instanceId", "kind", "leaseExpiresAt", "leaseOwner", "lockKey", "log", "maxAttempts", CASE WHEN json_valid("result") THEN "result" END, "runAfter", "speedBps", "startedAt", "status", "teamId", "updatedAt" FROM "Job";
DROP TABLE "Job";
ALTER TABLE "new_Job" RENAME TO "Job";
CREATE UNIQUE INDEX "Job_lockKey_key" ON "Job"("lockKey");
CREATE INDEX "Job_status_runAfter_idx" ON "Job"("status", "runAfter");
CREATE INDEX "Job_instanceId_createdAt_idx" ON "Job"("instanceId", "createdAt");
CREATE INDEX "Job_teamId_createdAt_idx" ON "Job"("teamId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
