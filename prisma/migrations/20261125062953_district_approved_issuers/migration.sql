-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "salaryApprovedIssuersOnly" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "DistrictApprovedIssuer" (
    "districtId" TEXT NOT NULL,
    "issuerId" TEXT NOT NULL,
    "approvedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DistrictApprovedIssuer_pkey" PRIMARY KEY ("districtId","issuerId")
);

-- CreateIndex
CREATE INDEX "DistrictApprovedIssuer_issuerId_idx" ON "DistrictApprovedIssuer"("issuerId");

-- AddForeignKey
ALTER TABLE "DistrictApprovedIssuer" ADD CONSTRAINT "DistrictApprovedIssuer_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DistrictApprovedIssuer" ADD CONSTRAINT "DistrictApprovedIssuer_issuerId_fkey" FOREIGN KEY ("issuerId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DistrictApprovedIssuer" ADD CONSTRAINT "DistrictApprovedIssuer_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
