-- An instance's tags become rows (closed sets of values became enums in the model; on SQLite an
-- enum is TEXT checked by the client, so those need no SQL here). Edited by hand: the tags are
-- split into InstanceTag rows before the Instance rebuild drops their column.

-- CreateTable
CREATE TABLE "InstanceTag" (
    "instanceId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,

    PRIMARY KEY ("instanceId", "tag"),
    CONSTRAINT "InstanceTag_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- The tags that were stored comma-separated, one row each (a tag repeated in one list once),
-- before the rebuild below leaves the column out.
WITH RECURSIVE "split"("instanceId", "tag", "rest") AS (
    SELECT "id", '', "tags" || ',' FROM "Instance" WHERE "tags" <> ''
    UNION ALL
    SELECT "instanceId", substr("rest", 1, instr("rest", ',') - 1), substr("rest", instr("rest", ',') + 1)
    FROM "split" WHERE "rest" <> ''
)
INSERT OR IGNORE INTO "InstanceTag" ("instanceId", "tag")
SELECT "instanceId", "tag" FROM "split" WHERE "tag" <> '';

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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Instance_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ProviderAccount" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Instance_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Instance" ("accountId", "backupDay", "backupWindow", "backupsEnabled", "backupsEnabledAt", "createdAt", "id", "label", "plan", "primaryUsedBytes", "region", "remoteId", "status", "teamId", "updatedAt") SELECT "accountId", "backupDay", "backupWindow", "backupsEnabled", "backupsEnabledAt", "createdAt", "id", "label", "plan", "primaryUsedBytes", "region", "remoteId", "status", "teamId", "updatedAt" FROM "Instance";
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
CREATE INDEX "InstanceTag_tag_idx" ON "InstanceTag"("tag");
