-- AlterTable
ALTER TABLE "Award" ADD COLUMN     "suspensionReason" TEXT;

-- AlterTable
ALTER TABLE "StatusList" ADD COLUMN     "suspensionBits" BYTEA,
ADD COLUMN     "suspensionVersion" INTEGER NOT NULL DEFAULT 0;
