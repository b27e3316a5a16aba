-- A draft version carries its own classification (topic, level, subjects, grade bands) so saving a
-- draft of a published micro-credential no longer rewrites the live row; publish copies it over.
-- Additive only: existing versions keep NULL topic and fall back to the live row.

-- AlterTable
ALTER TABLE "MicroCredentialVersion" ADD COLUMN     "gradeBands" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "level" INTEGER,
ADD COLUMN     "subjects" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "topic" TEXT;
