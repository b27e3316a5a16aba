-- AlterTable
ALTER TABLE "User" ADD COLUMN     "formerDistrictId" TEXT,
ADD COLUMN     "formerSchoolId" TEXT,
ADD COLUMN     "placementChangedAt" TIMESTAMP(3);

-- Keep the placement a person leaves, whichever code path moves them (leaving, removal by a leader,
-- joining another district, a new school): the conflict-of-interest rules read it for a year.
CREATE FUNCTION "user_former_placement"() RETURNS trigger AS $$
BEGIN
  IF (OLD."schoolId" IS NOT NULL OR OLD."districtId" IS NOT NULL)
     AND (NEW."schoolId" IS DISTINCT FROM OLD."schoolId" OR NEW."districtId" IS DISTINCT FROM OLD."districtId") THEN
    NEW."formerSchoolId" := OLD."schoolId";
    NEW."formerDistrictId" := OLD."districtId";
    NEW."placementChangedAt" := now();
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "User_former_placement"
  BEFORE UPDATE OF "schoolId", "districtId" ON "User"
  FOR EACH ROW EXECUTE FUNCTION "user_former_placement"();
