/*
  Warnings:

  - A unique constraint covering the columns `[userId,microCredentialId,cycle]` on the table `Submission` will be added. If there are existing duplicate values, this will fail.

*/
-- DropIndex
DROP INDEX "Submission_userId_microCredentialId_key";

-- AlterTable
ALTER TABLE "Award" ADD COLUMN     "renewalNoticeAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "cycle" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "Award_validUntil_idx" ON "Award"("validUntil");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_userId_microCredentialId_cycle_key" ON "Submission"("userId", "microCredentialId", "cycle");
