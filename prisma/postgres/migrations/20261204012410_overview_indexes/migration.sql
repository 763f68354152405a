-- CreateIndex
CREATE INDEX "Instance_backupsEnabled_lastBackupFailed_label_id_idx" ON "Instance"("backupsEnabled", "lastBackupFailed", "label", "id");

-- CreateIndex
CREATE INDEX "Instance_teamId_backupsEnabled_lastBackupFailed_label_id_idx" ON "Instance"("teamId", "backupsEnabled", "lastBackupFailed", "label", "id");

-- CreateIndex
CREATE INDEX "Instance_accountId_primaryUsedBytes_id_idx" ON "Instance"("accountId", "primaryUsedBytes", "id");

-- CreateIndex
CREATE INDEX "Instance_teamId_accountId_primaryUsedBytes_id_idx" ON "Instance"("teamId", "accountId", "primaryUsedBytes", "id");
