-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "policyUpdatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "renewalApprovedOnly" BOOLEAN NOT NULL DEFAULT false;

-- A policy form opened before this migration was sent the row's updatedAt as its seenAt: start from
-- it, so such a form still saves.
UPDATE "Organization" SET "policyUpdatedAt" = "updatedAt";
