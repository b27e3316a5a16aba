-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "attestedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "FeedbackQuestion" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answer" TEXT,
    "answeredById" TEXT,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "FeedbackQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FeedbackQuestion_attemptId_createdAt_idx" ON "FeedbackQuestion"("attemptId", "createdAt");

-- CreateIndex
CREATE INDEX "FeedbackQuestion_userId_idx" ON "FeedbackQuestion"("userId");

-- CreateIndex
CREATE INDEX "FeedbackQuestion_answeredById_idx" ON "FeedbackQuestion"("answeredById");

-- AddForeignKey
ALTER TABLE "FeedbackQuestion" ADD CONSTRAINT "FeedbackQuestion_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackQuestion" ADD CONSTRAINT "FeedbackQuestion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackQuestion" ADD CONSTRAINT "FeedbackQuestion_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- At most one unanswered question per attempt, so a double submit (two clicks, two tabs) cannot
-- leave two. Partial unique indexes are not expressible in schema.prisma; this one lives only here.
-- It also serves the "unanswered questions" count on the admin home, which reads only open rows.
CREATE UNIQUE INDEX "FeedbackQuestion_one_open" ON "FeedbackQuestion" ("attemptId") WHERE "answeredAt" IS NULL;
