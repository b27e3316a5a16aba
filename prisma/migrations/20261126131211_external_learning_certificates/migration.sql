-- CreateEnum
CREATE TYPE "CertificateStatus" AS ENUM ('PENDING', 'UPLOADED');

-- CreateTable
CREATE TABLE "ExternalLearningCertificate" (
    "id" TEXT NOT NULL,
    "learningId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" "CertificateStatus" NOT NULL DEFAULT 'PENDING',
    "uploadKey" TEXT NOT NULL,
    "storageKey" TEXT,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExternalLearningCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ExternalLearningCertificate_learningId_idx" ON "ExternalLearningCertificate"("learningId");

-- CreateIndex
CREATE INDEX "ExternalLearningCertificate_userId_idx" ON "ExternalLearningCertificate"("userId");

-- CreateIndex
CREATE INDEX "ExternalLearningCertificate_status_createdAt_idx" ON "ExternalLearningCertificate"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "ExternalLearningCertificate" ADD CONSTRAINT "ExternalLearningCertificate_learningId_fkey" FOREIGN KEY ("learningId") REFERENCES "ExternalLearning"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalLearningCertificate" ADD CONSTRAINT "ExternalLearningCertificate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Added by hand (Prisma cannot express these; `migrate create` leaves them alone).
-- At most one certificate on file per entry: a new upload replaces the old one in the transaction
-- that accepts it, so two finishing at once cannot both stay.
CREATE UNIQUE INDEX "ExternalLearningCertificate_one_uploaded" ON "ExternalLearningCertificate" ("learningId") WHERE "status" = 'UPLOADED';

-- 1 byte to 10 MB (CERTIFICATE_MAX_BYTES in lib/external-learning/certificate-files.ts).
ALTER TABLE "ExternalLearningCertificate" ADD CONSTRAINT "ExternalLearningCertificate_size" CHECK ("sizeBytes" BETWEEN 1 AND 10485760);

-- A certificate on file is its checked copy: never one without it.
ALTER TABLE "ExternalLearningCertificate" ADD CONSTRAINT "ExternalLearningCertificate_uploaded_has_copy" CHECK ("status" = 'PENDING' OR "storageKey" IS NOT NULL);
