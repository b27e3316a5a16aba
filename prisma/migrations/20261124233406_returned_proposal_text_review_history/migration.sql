-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "returnedPlan" TEXT,
ADD COLUMN     "returnedStudentGoals" TEXT;

-- CreateIndex
CREATE INDEX "Review_reviewerId_status_submittedAt_id_idx" ON "Review"("reviewerId", "status", "submittedAt" DESC, "id");

-- Returned proposals whose text was kept in the decision's audit entry (briefly, before these
-- columns): moved here, and taken out of the audit log, which outlives the teacher's account.
UPDATE "Proposal" p
SET "returnedStudentGoals" = a.data->>'studentGoals', "returnedPlan" = COALESCE(a.data->>'plan', '')
FROM (
  SELECT DISTINCT ON ("entityId") "entityId", data
  FROM "AuditLog"
  WHERE action = 'proposal.returned' AND "entityType" = 'Proposal' AND data ? 'studentGoals'
  ORDER BY "entityId", at DESC
) a
WHERE p.id = a."entityId" AND p.status = 'RETURNED';

UPDATE "AuditLog" SET data = data - 'studentGoals' - 'plan'
WHERE action = 'proposal.returned' AND data ? 'studentGoals';
