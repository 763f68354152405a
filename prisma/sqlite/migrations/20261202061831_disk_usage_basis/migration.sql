-- AlterTable
ALTER TABLE "Disk" ADD COLUMN "basis" TEXT;
