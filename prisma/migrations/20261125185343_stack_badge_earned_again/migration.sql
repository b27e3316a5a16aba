-- DropIndex
DROP INDEX "Award_userId_stackId_key";

-- CreateIndex
CREATE INDEX "Award_userId_stackId_idx" ON "Award"("userId", "stackId");

-- One standing stack badge per holder and stack. A revoked one no longer counts, so a stack badge
-- revoked because one of its parts was revoked can be earned again once the part is (ADR 012).
-- Partial indexes cannot be declared in schema.prisma, so this one lives here only.
CREATE UNIQUE INDEX "Award_one_standing_stack_badge" ON "Award" ("userId", "stackId") WHERE "revokedAt" IS NULL AND "stackId" IS NOT NULL;
