-- CreateTable
CREATE TABLE "ApiRateLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "tokens" REAL NOT NULL,
    "at" REAL NOT NULL
);

-- CreateTable
CREATE TABLE "SignInFailureTally" (
    "reason" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "ApiRateLimit_at_idx" ON "ApiRateLimit"("at");
