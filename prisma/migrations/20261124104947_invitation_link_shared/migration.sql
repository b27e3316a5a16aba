-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "linkShared" BOOLEAN NOT NULL DEFAULT false;
