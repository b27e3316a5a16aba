-- Reminders about applications left untouched for 30 days (lib/submissions/stalled-reminders.ts):
-- when the teacher was reminded about the attempt as a draft, and as work returned for revision.
-- Nullable, no default: adding them rewrites nothing. Attempts already untouched for more than 60
-- days when this ships are marked as reminded (below): a first reminder about work left a year ago
-- would come out of nowhere. Those stalled for 30 to 60 days are reminded by the job's first runs.
-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "draftReminderAt" TIMESTAMP(3),
ADD COLUMN     "revisionReminderAt" TIMESTAMP(3);

-- The drafts not reminded yet, oldest change first: the job walks it in (updatedAt, id) order from
-- the oldest, and a draft leaves it once reminded or sent, so a run reads the drafts never reminded,
-- not every attempt there has been. Partial indexes cannot be declared in schema.prisma;
-- this one lives only here. (Returned work is found through "Submission_status_lastSubmittedAt_idx":
-- an attempt stays RETURNED after its revision starts, while its application leaves NEEDS_REVISION.)
CREATE INDEX "Attempt_stalled_draft_idx" ON "Attempt" ("updatedAt", "id")
  WHERE "status" = 'DRAFT' AND "draftReminderAt" IS NULL;

-- Work long abandoned before reminders existed is not reminded now: by the job's own test of
-- "untouched" (lib/submissions/stalled-reminders.ts, markDrafts and markReturned), with 60 days
-- for 30. A draft whose answers were saved last week stays unmarked (saving an answer does not
-- change the attempt row), and only the latest attempt of an application waiting for a revision
-- is looked at (an earlier one stays RETURNED after its revision starts, and is never reminded).
UPDATE "Attempt" a SET "draftReminderAt" = CURRENT_TIMESTAMP
  FROM "Submission" s
 WHERE s."id" = a."submissionId"
   AND a."status" = 'DRAFT' AND a."updatedAt" < CURRENT_TIMESTAMP - INTERVAL '60 days'
   AND s."status" = 'DRAFT' AND s."updatedAt" < CURRENT_TIMESTAMP - INTERVAL '60 days'
   AND NOT EXISTS (SELECT 1 FROM "PartResponse" r WHERE r."attemptId" = a."id" AND r."updatedAt" >= CURRENT_TIMESTAMP - INTERVAL '60 days')
   AND NOT EXISTS (SELECT 1 FROM "EvidenceFile" f WHERE f."attemptId" = a."id" AND (f."createdAt" >= CURRENT_TIMESTAMP - INTERVAL '60 days' OR f."verifiedAt" >= CURRENT_TIMESTAMP - INTERVAL '60 days'))
   AND NOT EXISTS (SELECT 1 FROM "Attempt" later WHERE later."submissionId" = a."submissionId" AND later."number" > a."number");

UPDATE "Attempt" a SET "revisionReminderAt" = CURRENT_TIMESTAMP
  FROM "Submission" s
 WHERE s."id" = a."submissionId"
   AND s."status" = 'NEEDS_REVISION' AND s."updatedAt" < CURRENT_TIMESTAMP - INTERVAL '60 days'
   AND a."status" = 'RETURNED' AND a."updatedAt" < CURRENT_TIMESTAMP - INTERVAL '60 days'
   AND (a."decidedAt" IS NULL OR a."decidedAt" < CURRENT_TIMESTAMP - INTERVAL '60 days')
   AND NOT EXISTS (SELECT 1 FROM "FeedbackQuestion" q WHERE q."attemptId" = a."id" AND (q."createdAt" >= CURRENT_TIMESTAMP - INTERVAL '60 days' OR q."answeredAt" >= CURRENT_TIMESTAMP - INTERVAL '60 days'))
   AND NOT EXISTS (SELECT 1 FROM "Attempt" later WHERE later."submissionId" = a."submissionId" AND later."number" > a."number");
