-- Colleagues (docs/decisions/028): a teacher may share their badges and the micro-credentials they are
-- working on with colleagues at their school who share too. Off for every account until turned on.
-- Also an index for the issuer inbox's "Answered" view of questions (newest answer first).

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sharesWithColleagues" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "CredentialQuestion_microCredentialId_answeredAt_idx" ON "CredentialQuestion"("microCredentialId", "answeredAt");

-- CreateIndex
CREATE INDEX "User_schoolId_sharesWithColleagues_name_id_idx" ON "User"("schoolId", "sharesWithColleagues", "name", "id");
