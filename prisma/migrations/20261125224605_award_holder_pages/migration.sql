-- DropIndex
DROP INDEX "Award_userId_issuedAt_idx";

-- CreateIndex
CREATE INDEX "Award_userId_issuedAt_id_idx" ON "Award"("userId", "issuedAt", "id");

-- CreateIndex
CREATE INDEX "Award_userId_microCredentialId_idx" ON "Award"("userId", "microCredentialId");
