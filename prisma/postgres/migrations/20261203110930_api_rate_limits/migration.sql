-- CreateTable
CREATE TABLE "ApiRateLimit" (
    "key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "at" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "ApiRateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SignInFailureTally" (
    "reason" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SignInFailureTally_pkey" PRIMARY KEY ("reason")
);

-- CreateIndex
CREATE INDEX "ApiRateLimit_at_idx" ON "ApiRateLimit"("at");
