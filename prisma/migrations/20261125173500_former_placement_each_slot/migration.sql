-- The former placement is kept slot by slot (ADR 019's conflict-of-interest rules read it for a
-- year): a move that leaves no school, or stays in the same district, no longer wipes out the
-- school or district the person left before. Example: a teacher at school S1 in district D joins
-- district E (school cleared), then E places them at its school S2: before, the second move
-- recorded "former: district E, no school" and S1 and D were forgotten within days.
-- A slot not moved keeps its value only while the last move is under 365 days old (the same year
-- as FORMER_PLACEMENT_DAYS in lib/review/policy.ts); an older one is cleared, so a placement left
-- years ago is not brought back by a new move. One date covers both slots: a slot kept has its year
-- counted again from the newest move, which errs on the side of independent review.
CREATE OR REPLACE FUNCTION "user_former_placement"() RETURNS trigger AS $$
DECLARE
  moved_school boolean := OLD."schoolId" IS NOT NULL AND NEW."schoolId" IS DISTINCT FROM OLD."schoolId";
  moved_district boolean := OLD."districtId" IS NOT NULL AND NEW."districtId" IS DISTINCT FROM OLD."districtId";
  stale boolean := OLD."placementChangedAt" IS NULL OR OLD."placementChangedAt" < now() - interval '365 days';
BEGIN
  IF moved_school OR moved_district THEN
    NEW."formerSchoolId" := CASE WHEN moved_school THEN OLD."schoolId" WHEN stale THEN NULL ELSE OLD."formerSchoolId" END;
    NEW."formerDistrictId" := CASE WHEN moved_district THEN OLD."districtId" WHEN stale THEN NULL ELSE OLD."formerDistrictId" END;
    NEW."placementChangedAt" := now();
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
