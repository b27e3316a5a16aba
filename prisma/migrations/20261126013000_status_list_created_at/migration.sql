-- AlterTable
ALTER TABLE "StatusList" ADD COLUMN "createdAt" TIMESTAMP(3);

-- Lists made before this column: when they were started is not recorded. A list is started for an
-- award and given its first index at once, so the time of its first award stands for it; a list no
-- award holds any more gets its last change, the latest it can have been started.
UPDATE "StatusList" l SET "createdAt" = LEAST(
  COALESCE((SELECT min(a."issuedAt") FROM "Award" a WHERE a."statusListId" = l."id"), l."updatedAt"),
  l."updatedAt"
);

ALTER TABLE "StatusList" ALTER COLUMN "createdAt" SET NOT NULL,
  ALTER COLUMN "createdAt" SET DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "StatusList_issuerId_issuerKeyId_purpose_createdAt_idx" ON "StatusList"("issuerId", "issuerKeyId", "purpose", "createdAt");
