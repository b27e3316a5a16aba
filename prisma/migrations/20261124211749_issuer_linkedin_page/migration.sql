-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "linkedinOrganizationId" TEXT;
