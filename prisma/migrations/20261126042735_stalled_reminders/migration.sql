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

-- Work long abandoned before reminders existed is not reminded now.
UPDATE "Attempt" SET "draftReminderAt" = CURRENT_TIMESTAMP
  WHERE "status" = 'DRAFT' AND "updatedAt" < CURRENT_TIMESTAMP - INTERVAL '60 days';
UPDATE "Attempt" SET "revisionReminderAt" = CURRENT_TIMESTAMP
  WHERE "status" = 'RETURNED' AND COALESCE("decidedAt", "updatedAt") < CURRENT_TIMESTAMP - INTERVAL '60 days';
