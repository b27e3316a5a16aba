-- Teachers' feedback, public figures (ADR 027 addendum): taken afresh only once five more teachers
-- have rated a micro-credential since the last taking, so no single rating, edit or deletion can be
-- read off the public page; the page reads this one row instead of every rating.

-- CreateTable
CREATE TABLE "CredentialFeedbackPublic" (
    "microCredentialId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "average" DOUBLE PRECISION NOT NULL,
    "typicalHours" DOUBLE PRECISION,
    "takenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CredentialFeedbackPublic_pkey" PRIMARY KEY ("microCredentialId")
);

-- CreateIndex
CREATE INDEX "CredentialFeedback_microCredentialId_createdAt_idx" ON "CredentialFeedback"("microCredentialId", "createdAt");

-- AddForeignKey
ALTER TABLE "CredentialFeedbackPublic" ADD CONSTRAINT "CredentialFeedbackPublic_microCredentialId_fkey" FOREIGN KEY ("microCredentialId") REFERENCES "MicroCredential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CredentialFeedbackPublic" ADD CONSTRAINT "CredentialFeedbackPublic_count_min" CHECK ("count" >= 5);
ALTER TABLE "CredentialFeedbackPublic" ADD CONSTRAINT "CredentialFeedbackPublic_average_range" CHECK ("average" BETWEEN 1 AND 5);
ALTER TABLE "CredentialFeedbackPublic" ADD CONSTRAINT "CredentialFeedbackPublic_hours_range" CHECK ("typicalHours" IS NULL OR "typicalHours" > 0);

-- Credentials rated by five teachers or more already: their figures, taken now from every rating.
INSERT INTO "CredentialFeedbackPublic" ("microCredentialId", "count", "average", "typicalHours", "takenAt")
SELECT f."microCredentialId", count(*)::int, avg(f."rating")::float8,
  CASE WHEN count(f."hoursSpent") >= 5 THEN (percentile_cont(0.5) WITHIN GROUP (ORDER BY f."hoursSpent"))::float8 END,
  now()
FROM "CredentialFeedback" f
GROUP BY f."microCredentialId"
HAVING count(*) >= 5;
