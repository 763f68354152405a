-- CreateTable
CREATE TABLE "TagRule" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TagRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TagRule_teamId_idx" ON "TagRule"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "TagRule_accountId_tag_key" ON "TagRule"("accountId", "tag");

-- AddForeignKey
ALTER TABLE "TagRule" ADD CONSTRAINT "TagRule_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ProviderAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TagRule" ADD CONSTRAINT "TagRule_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
