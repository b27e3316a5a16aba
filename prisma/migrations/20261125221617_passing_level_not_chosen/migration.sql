-- AlterTable
ALTER TABLE "MicroCredentialVersion" ALTER COLUMN "passingLevelRank" DROP NOT NULL;

-- A published (or superseded) version always states its passing level: scoring reads it.
-- Drafts saved before this change keep the 0 they were given; only new blanks are null.
ALTER TABLE "MicroCredentialVersion" ADD CONSTRAINT "MicroCredentialVersion_passing_level_when_published"
  CHECK ("status" = 'DRAFT' OR "passingLevelRank" IS NOT NULL);
