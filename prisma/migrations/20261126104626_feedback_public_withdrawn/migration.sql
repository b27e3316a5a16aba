-- Teachers' feedback, public figures withdrawn rather than deleted when fewer than five ratings are
-- left (ADR 027 addendum): the row keeps its takenAt, so the next taking still waits for five new
-- ratings, and a teacher who withdrew their own rating cannot read one newcomer's rating off the page.

-- AlterTable
ALTER TABLE "CredentialFeedbackPublic" ALTER COLUMN "count" DROP NOT NULL,
ALTER COLUMN "average" DROP NOT NULL;

ALTER TABLE "CredentialFeedbackPublic" DROP CONSTRAINT "CredentialFeedbackPublic_count_min";
ALTER TABLE "CredentialFeedbackPublic" ADD CONSTRAINT "CredentialFeedbackPublic_count_min" CHECK ("count" IS NULL OR "count" >= 5);
ALTER TABLE "CredentialFeedbackPublic" ADD CONSTRAINT "CredentialFeedbackPublic_withdrawn_whole" CHECK (("count" IS NULL) = ("average" IS NULL) AND ("count" IS NOT NULL OR "typicalHours" IS NULL));
