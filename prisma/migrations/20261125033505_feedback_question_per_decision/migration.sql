-- AlterTable
ALTER TABLE "FeedbackQuestion" ADD COLUMN     "aboutSecondLook" BOOLEAN NOT NULL DEFAULT false;

-- Questions asked after a second look was requested are about its decision.
UPDATE "FeedbackQuestion" q SET "aboutSecondLook" = true
FROM "Attempt" a
WHERE a.id = q."attemptId" AND a."secondLookRequestedAt" IS NOT NULL AND q."createdAt" >= a."secondLookRequestedAt";

-- One unanswered question per decision of an attempt, not per attempt.
DROP INDEX "FeedbackQuestion_one_open";
CREATE UNIQUE INDEX "FeedbackQuestion_one_open" ON "FeedbackQuestion" ("attemptId", "aboutSecondLook") WHERE "answeredAt" IS NULL;
