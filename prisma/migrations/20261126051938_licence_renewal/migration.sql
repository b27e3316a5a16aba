-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "renewalCycleYears" INTEGER,
ADD COLUMN     "renewalHoursRequired" INTEGER;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "licenceNumber" TEXT,
ADD COLUMN     "licenceRenewsOn" DATE;
