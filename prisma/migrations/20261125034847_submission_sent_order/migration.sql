-- An issuer's applications, most recently sent first, per credential (/admin/submissions): each
-- credential's newest sends are read from this index instead of sorting all of its submissions.
CREATE INDEX "Submission_microCredentialId_lastSubmittedAt_id_idx" ON "Submission"("microCredentialId", "lastSubmittedAt" DESC, "id" DESC);
