-- CreateEnum
CREATE TYPE "EvidenceConcernReason" AS ENUM ('STUDENT_IDENTIFIABLE', 'STUDENT_PERSONAL_DATA', 'NOT_OWN_WORK', 'OTHER');

-- CreateEnum
CREATE TYPE "EvidenceConcernOutcome" AS ENUM ('FILE_REMOVED', 'CLOSED');

-- AlterEnum
ALTER TYPE "FileStatus" ADD VALUE 'REMOVED';

-- AlterTable
ALTER TABLE "EvidenceFile" ADD COLUMN     "removedAt" TIMESTAMP(3),
ADD COLUMN     "removedById" TEXT,
ADD COLUMN     "removedReason" TEXT;

-- CreateTable
CREATE TABLE "EvidenceConcern" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "fileId" TEXT,
    "reporterId" TEXT NOT NULL,
    "reason" "EvidenceConcernReason" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "outcome" "EvidenceConcernOutcome",
    "resolution" TEXT,

    CONSTRAINT "EvidenceConcern_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EvidenceConcern_attemptId_createdAt_idx" ON "EvidenceConcern"("attemptId", "createdAt");

-- CreateIndex
CREATE INDEX "EvidenceConcern_fileId_idx" ON "EvidenceConcern"("fileId");

-- CreateIndex
CREATE INDEX "EvidenceConcern_reporterId_createdAt_idx" ON "EvidenceConcern"("reporterId", "createdAt");

-- CreateIndex
CREATE INDEX "EvidenceConcern_resolvedById_idx" ON "EvidenceConcern"("resolvedById");

-- CreateIndex
CREATE INDEX "EvidenceFile_removedById_idx" ON "EvidenceFile"("removedById");

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_removedById_fkey" FOREIGN KEY ("removedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceConcern" ADD CONSTRAINT "EvidenceConcern_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceConcern" ADD CONSTRAINT "EvidenceConcern_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "EvidenceFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceConcern" ADD CONSTRAINT "EvidenceConcern_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceConcern" ADD CONSTRAINT "EvidenceConcern_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- One open concern per reviewer about one file, or about the whole attempt (fileId null, which
-- COALESCE makes one value): a double submit or a second tab is refused here, whatever the app
-- checked first. Partial and expression indexes cannot be declared in schema.prisma, so this one
-- lives only here (as "FeedbackQuestion_one_open" does).
CREATE UNIQUE INDEX "EvidenceConcern_one_open" ON "EvidenceConcern" ("attemptId", "reporterId", COALESCE("fileId", '')) WHERE "resolvedAt" IS NULL;

-- A removed file is a tombstone: status REMOVED exactly when removedAt is set. Compared as text: the
-- enum value added above cannot be used as a value inside the migration's own transaction. NOT VALID:
-- every existing row satisfies it (the columns are new), so the table is not scanned under lock; it
-- holds for every row written from now on.
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_removed_tombstone" CHECK (("status"::text = 'REMOVED') = ("removedAt" IS NOT NULL)) NOT VALID;
