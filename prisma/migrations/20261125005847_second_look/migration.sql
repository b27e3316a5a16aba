-- AlterEnum
ALTER TYPE "ReviewKind" ADD VALUE 'SECOND_LOOK';

-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "secondLookReason" TEXT,
ADD COLUMN     "secondLookRequestedAt" TIMESTAMP(3),
ADD COLUMN     "secondLookRequestedById" TEXT;

-- CreateIndex
CREATE INDEX "Attempt_secondLookRequestedById_idx" ON "Attempt"("secondLookRequestedById");

-- AddForeignKey
ALTER TABLE "Attempt" ADD CONSTRAINT "Attempt_secondLookRequestedById_fkey" FOREIGN KEY ("secondLookRequestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The review queue's "Second look" tab: attempts waiting for their second look, per credential,
-- in the order they were asked for. Few rows; partial indexes cannot be declared in schema.prisma,
-- so this one lives only here (as "Attempt_queue_idx" does).
CREATE INDEX "Attempt_second_look_idx" ON "Attempt" ("microCredentialId", "secondLookRequestedAt", "id")
  WHERE "status" = 'SUBMITTED' AND "secondLookRequestedAt" IS NOT NULL;
