-- What a notice is about (lib/notifications/notify.ts NotificationSubject), so that withdrawing a
-- request to join a district, deciding it, or withdrawing a question removes exactly its notices
-- (and so their emails not sent yet) instead of guessing from the title. Notices made before this
-- stay without a subject: they cannot be matched to their request reliably in SQL (the title holds a
-- shortened name, and two teachers may share it), so the code still finds them the old way
-- (lib/district/requests.ts, lib/credential-questions/mutations.ts). Both columns are nullable: the
-- release before this one keeps working during a rolling deploy.
-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "subjectId" TEXT,
ADD COLUMN     "subjectType" TEXT;

-- CreateIndex
CREATE INDEX "Notification_subjectType_subjectId_idx" ON "Notification"("subjectType", "subjectId");
