-- AlterTable
ALTER TABLE "User" ADD COLUMN     "portfolioHeadline" TEXT,
ADD COLUMN     "teachesGradeBands" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "teachesSubjects" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "CredentialQuestion" (
    "id" TEXT NOT NULL,
    "microCredentialId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answer" TEXT,
    "answeredById" TEXT,
    "answeredAt" TIMESTAMP(3),
    "sharedAt" TIMESTAMP(3),

    CONSTRAINT "CredentialQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CredentialFeedback" (
    "id" TEXT NOT NULL,
    "microCredentialId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "hoursSpent" DECIMAL(5,1),
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CredentialFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExternalLearning" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "completedOn" DATE NOT NULL,
    "pdHours" DECIMAL(6,1) NOT NULL,
    "url" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExternalLearning_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CredentialQuestion_microCredentialId_createdAt_idx" ON "CredentialQuestion"("microCredentialId", "createdAt");

-- CreateIndex
CREATE INDEX "CredentialQuestion_microCredentialId_sharedAt_idx" ON "CredentialQuestion"("microCredentialId", "sharedAt");

-- CreateIndex
CREATE INDEX "CredentialQuestion_userId_createdAt_idx" ON "CredentialQuestion"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "CredentialQuestion_answeredById_idx" ON "CredentialQuestion"("answeredById");

-- CreateIndex
CREATE INDEX "CredentialFeedback_microCredentialId_updatedAt_idx" ON "CredentialFeedback"("microCredentialId", "updatedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "CredentialFeedback_userId_microCredentialId_key" ON "CredentialFeedback"("userId", "microCredentialId");

-- CreateIndex
CREATE INDEX "ExternalLearning_userId_completedOn_idx" ON "ExternalLearning"("userId", "completedOn" DESC);

-- AddForeignKey
ALTER TABLE "CredentialQuestion" ADD CONSTRAINT "CredentialQuestion_microCredentialId_fkey" FOREIGN KEY ("microCredentialId") REFERENCES "MicroCredential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CredentialQuestion" ADD CONSTRAINT "CredentialQuestion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CredentialQuestion" ADD CONSTRAINT "CredentialQuestion_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CredentialFeedback" ADD CONSTRAINT "CredentialFeedback_microCredentialId_fkey" FOREIGN KEY ("microCredentialId") REFERENCES "MicroCredential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CredentialFeedback" ADD CONSTRAINT "CredentialFeedback_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalLearning" ADD CONSTRAINT "ExternalLearning_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Guards the server's own validation (lib/*/schemas.ts) also keeps: a rating is 1-5, hours are
-- positive and bounded, an answer comes with its time, text has a length limit.
ALTER TABLE "CredentialFeedback" ADD CONSTRAINT "CredentialFeedback_rating_range" CHECK ("rating" BETWEEN 1 AND 5);
ALTER TABLE "CredentialFeedback" ADD CONSTRAINT "CredentialFeedback_hours_range" CHECK ("hoursSpent" IS NULL OR ("hoursSpent" > 0 AND "hoursSpent" <= 1000));
ALTER TABLE "CredentialFeedback" ADD CONSTRAINT "CredentialFeedback_comment_length" CHECK ("comment" IS NULL OR char_length("comment") <= 4000);
ALTER TABLE "CredentialQuestion" ADD CONSTRAINT "CredentialQuestion_body_length" CHECK (char_length("body") BETWEEN 1 AND 4000);
ALTER TABLE "CredentialQuestion" ADD CONSTRAINT "CredentialQuestion_answer_with_time" CHECK (("answer" IS NULL) = ("answeredAt" IS NULL));
ALTER TABLE "CredentialQuestion" ADD CONSTRAINT "CredentialQuestion_shared_only_answered" CHECK ("sharedAt" IS NULL OR "answeredAt" IS NOT NULL);
ALTER TABLE "ExternalLearning" ADD CONSTRAINT "ExternalLearning_hours_range" CHECK ("pdHours" > 0 AND "pdHours" <= 1000);
ALTER TABLE "ExternalLearning" ADD CONSTRAINT "ExternalLearning_text_length" CHECK (char_length("title") BETWEEN 1 AND 200 AND char_length("provider") BETWEEN 1 AND 200 AND ("url" IS NULL OR char_length("url") <= 2000) AND ("note" IS NULL OR char_length("note") <= 2000));
ALTER TABLE "User" ADD CONSTRAINT "User_portfolioHeadline_length" CHECK ("portfolioHeadline" IS NULL OR char_length("portfolioHeadline") <= 120);
