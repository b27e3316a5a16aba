-- DropIndex
DROP INDEX "StatusList_issuerId_purpose_id_key";

-- AlterTable
ALTER TABLE "StatusList" ADD COLUMN     "issuerKeyId" TEXT;

-- CreateIndex
CREATE INDEX "StatusList_issuerKeyId_idx" ON "StatusList"("issuerKeyId");

-- AddForeignKey
ALTER TABLE "StatusList" ADD CONSTRAINT "StatusList_issuerKeyId_fkey" FOREIGN KEY ("issuerKeyId") REFERENCES "IssuerKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;
