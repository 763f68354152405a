-- Closed sets of values become enum types, and an instance's tags become rows. Written by hand
-- over the generated diff, which dropped and re-added every changed column: the columns are
-- converted in place (a default goes before its type changes and comes back after), and the
-- comma-separated tags are split into InstanceTag rows before their column goes.

-- CreateEnum
CREATE TYPE "MembershipRole" AS ENUM ('member', 'viewer');
CREATE TYPE "InstanceStatus" AS ENUM ('provisioning', 'running', 'offline', 'busy', 'restoring');
CREATE TYPE "DiskKind" AS ENUM ('primary', 'swap');
CREATE TYPE "ImageStatus" AS ENUM ('creating', 'available', 'failed');
CREATE TYPE "BackupKind" AS ENUM ('automatic', 'snapshot');
CREATE TYPE "BackupSlot" AS ENUM ('daily', 'weekly', 'biweekly', 'snapshot');
CREATE TYPE "BackupStatus" AS ENUM ('pending', 'running', 'successful', 'failed');
CREATE TYPE "AuditResult" AS ENUM ('success', 'refused', 'failure');
CREATE TYPE "StoreLeaseKind" AS ENUM ('capture', 'gc');

-- AlterTable
ALTER TABLE "Membership" ALTER COLUMN "role" DROP DEFAULT,
ALTER COLUMN "role" TYPE "MembershipRole" USING "role"::"MembershipRole",
ALTER COLUMN "role" SET DEFAULT 'member';

ALTER TABLE "Instance" ALTER COLUMN "status" DROP DEFAULT,
ALTER COLUMN "status" TYPE "InstanceStatus" USING "status"::"InstanceStatus",
ALTER COLUMN "status" SET DEFAULT 'running';

ALTER TABLE "Disk" ALTER COLUMN "kind" TYPE "DiskKind" USING "kind"::"DiskKind";

ALTER TABLE "Image" ALTER COLUMN "status" DROP DEFAULT,
ALTER COLUMN "status" TYPE "ImageStatus" USING "status"::"ImageStatus",
ALTER COLUMN "status" SET DEFAULT 'creating';

ALTER TABLE "Backup" ALTER COLUMN "kind" TYPE "BackupKind" USING "kind"::"BackupKind",
ALTER COLUMN "slot" TYPE "BackupSlot" USING "slot"::"BackupSlot",
ALTER COLUMN "status" DROP DEFAULT,
ALTER COLUMN "status" TYPE "BackupStatus" USING "status"::"BackupStatus",
ALTER COLUMN "status" SET DEFAULT 'pending';

ALTER TABLE "AuditEntry" ALTER COLUMN "result" TYPE "AuditResult" USING "result"::"AuditResult";

ALTER TABLE "StoreLease" ALTER COLUMN "kind" TYPE "StoreLeaseKind" USING "kind"::"StoreLeaseKind";

-- CreateTable
CREATE TABLE "InstanceTag" (
    "instanceId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,

    CONSTRAINT "InstanceTag_pkey" PRIMARY KEY ("instanceId","tag")
);

-- CreateIndex
CREATE INDEX "InstanceTag_tag_idx" ON "InstanceTag"("tag");

-- AddForeignKey
ALTER TABLE "InstanceTag" ADD CONSTRAINT "InstanceTag_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The tags that were stored comma-separated, one row each (a tag repeated in one list once).
INSERT INTO "InstanceTag" ("instanceId", "tag")
SELECT DISTINCT "Instance"."id", "t"."tag"
FROM "Instance", unnest(string_to_array("Instance"."tags", ',')) AS "t"("tag")
WHERE "t"."tag" <> '';

-- AlterTable
ALTER TABLE "Instance" DROP COLUMN "tags";
