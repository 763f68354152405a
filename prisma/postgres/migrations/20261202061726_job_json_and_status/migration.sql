-- Job status becomes an enum, input and result JSON. Written by hand over the generated diff,
-- which dropped and re-added the columns: converting in place keeps every job's values.

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- AlterTable (a column's default must go before its type changes, and come back after)
ALTER TABLE "Job" ALTER COLUMN "status" DROP DEFAULT,
ALTER COLUMN "status" TYPE "JobStatus" USING "status"::"JobStatus",
ALTER COLUMN "status" SET DEFAULT 'queued',
ALTER COLUMN "input" DROP DEFAULT,
ALTER COLUMN "input" TYPE JSONB USING "input"::jsonb,
ALTER COLUMN "input" SET DEFAULT '{}',
ALTER COLUMN "result" TYPE JSONB USING "result"::jsonb;
