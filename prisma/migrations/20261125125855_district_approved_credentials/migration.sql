-- CreateTable
CREATE TABLE "DistrictApprovedCredential" (
    "districtId" TEXT NOT NULL,
    "microCredentialId" TEXT NOT NULL,
    "approvedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DistrictApprovedCredential_pkey" PRIMARY KEY ("districtId","microCredentialId")
);

-- CreateIndex
CREATE INDEX "DistrictApprovedCredential_microCredentialId_idx" ON "DistrictApprovedCredential"("microCredentialId");

-- AddForeignKey
ALTER TABLE "DistrictApprovedCredential" ADD CONSTRAINT "DistrictApprovedCredential_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DistrictApprovedCredential" ADD CONSTRAINT "DistrictApprovedCredential_microCredentialId_fkey" FOREIGN KEY ("microCredentialId") REFERENCES "MicroCredential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DistrictApprovedCredential" ADD CONSTRAINT "DistrictApprovedCredential_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
