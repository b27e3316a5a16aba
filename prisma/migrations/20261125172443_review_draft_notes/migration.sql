-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "draftNotes" JSONB NOT NULL DEFAULT '{}';
