-- AlterTable
ALTER TABLE "Disk" ADD COLUMN "measuredBy" TEXT;
