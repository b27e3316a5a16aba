-- One proposal per teacher, credential and district (was: per teacher and credential). A teacher
-- who moves asks their new district, and the district they left keeps its record and decision.
-- Existing rows are unique on (userId, microCredentialId), so also on the wider key.
-- DropIndex
DROP INDEX "Proposal_userId_microCredentialId_key";

-- CreateIndex
CREATE UNIQUE INDEX "Proposal_userId_microCredentialId_districtId_key" ON "Proposal"("userId", "microCredentialId", "districtId");
