-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "salaryCountsExpired" BOOLEAN NOT NULL DEFAULT true;
