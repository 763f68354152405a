-- DropIndex
DROP INDEX "Instance_teamId_label_idx";

-- DropIndex
DROP INDEX "Instance_primaryUsedBytes_idx";

-- DropIndex
DROP INDEX "Instance_createdAt_idx";

-- CreateIndex
CREATE INDEX "Instance_label_id_idx" ON "Instance"("label", "id");

-- CreateIndex
CREATE INDEX "Instance_status_id_idx" ON "Instance"("status", "id");

-- CreateIndex
CREATE INDEX "Instance_region_id_idx" ON "Instance"("region", "id");

-- CreateIndex
CREATE INDEX "Instance_plan_id_idx" ON "Instance"("plan", "id");

-- CreateIndex
CREATE INDEX "Instance_primaryUsedBytes_id_idx" ON "Instance"("primaryUsedBytes", "id");

-- CreateIndex
CREATE INDEX "Instance_backupsEnabled_id_idx" ON "Instance"("backupsEnabled", "id");

-- CreateIndex
CREATE INDEX "Instance_createdAt_id_idx" ON "Instance"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Instance_teamId_label_id_idx" ON "Instance"("teamId", "label", "id");

-- CreateIndex
CREATE INDEX "Instance_teamId_status_id_idx" ON "Instance"("teamId", "status", "id");

-- CreateIndex
CREATE INDEX "Instance_teamId_region_id_idx" ON "Instance"("teamId", "region", "id");

-- CreateIndex
CREATE INDEX "Instance_teamId_plan_id_idx" ON "Instance"("teamId", "plan", "id");

-- CreateIndex
CREATE INDEX "Instance_teamId_primaryUsedBytes_id_idx" ON "Instance"("teamId", "primaryUsedBytes", "id");

-- CreateIndex
CREATE INDEX "Instance_teamId_backupsEnabled_id_idx" ON "Instance"("teamId", "backupsEnabled", "id");

-- CreateIndex
CREATE INDEX "Instance_teamId_createdAt_id_idx" ON "Instance"("teamId", "createdAt", "id");
