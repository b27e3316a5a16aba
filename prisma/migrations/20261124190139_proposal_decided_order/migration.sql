-- CreateIndex
CREATE INDEX "Proposal_districtId_status_decidedAt_idx" ON "Proposal"("districtId", "status", "decidedAt");
