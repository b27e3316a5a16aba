-- AlterTable
ALTER TABLE "User" ADD COLUMN     "districtRequestedAt" TIMESTAMP(3),
ADD COLUMN     "requestedDistrictId" TEXT;

-- CreateIndex
CREATE INDEX "User_requestedDistrictId_districtRequestedAt_idx" ON "User"("requestedDistrictId", "districtRequestedAt");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_requestedDistrictId_fkey" FOREIGN KEY ("requestedDistrictId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;
