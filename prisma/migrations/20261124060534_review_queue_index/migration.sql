-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "microCredentialId" TEXT;

-- Existing attempts take their submission's credential.
UPDATE "Attempt" a SET "microCredentialId" = s."microCredentialId" FROM "Submission" s WHERE s."id" = a."submissionId";

-- New attempts get it from the database, so no code path can forget it (a submission's credential
-- never changes). Bulk loads that run with session_replication_role = replica set it themselves.
CREATE FUNCTION "Attempt_copy_credential"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."microCredentialId" := (SELECT "microCredentialId" FROM "Submission" WHERE "id" = NEW."submissionId");
  RETURN NEW;
END
$$;
CREATE TRIGGER "Attempt_copy_credential" BEFORE INSERT OR UPDATE OF "submissionId" ON "Attempt"
  FOR EACH ROW EXECUTE FUNCTION "Attempt_copy_credential"();

-- The review queue: waiting attempts per credential in queue order, covering what the queue reads
-- first (which submission, double scoring), so the oldest few are found with an index-only scan and
-- only they are joined to their submissions and reviews. Partial indexes cannot be declared in
-- schema.prisma; this one lives only here.
CREATE INDEX "Attempt_queue_idx" ON "Attempt" ("microCredentialId", "submittedAt", "id") INCLUDE ("submissionId", "doubleScore")
  WHERE "status" = 'SUBMITTED' AND "needsAdjudication" = false AND "submittedAt" IS NOT NULL;
