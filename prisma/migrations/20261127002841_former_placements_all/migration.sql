-- Every school and district left within the year, not only the latest of each (ADR 019). The
-- former placement had one slot for a school and one for a district: two district moves within a
-- year forgot the first district, and with it the conflict of interest between its people and the
-- teacher. Now the triggers add each school or district left to a list, and a list is emptied only
-- when a move comes more than 365 days after the one before (as a slot was); the review rules read
-- the lists while the newest move is under a year old (FORMER_PLACEMENT_DAYS in lib/review/policy.ts).
-- A list keeps its newest 20 entries (a school left again moves to the end).
--
-- Expand, then contract: the single slots "formerSchoolId" and "formerDistrictId" stay, written
-- exactly as before, for servers of the previous release still answering during a rolling deploy;
-- this release reads only the lists. The next release drops the two columns and their lines here.
ALTER TABLE "User" ADD COLUMN "formerDistrictIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "formerSchoolIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- `list` with `id` at its end (moved there if already in it), the newest 20; `list` if `id` is null.
CREATE FUNCTION "former_placement_add"(list text[], id text) RETURNS text[] AS $$
  SELECT CASE WHEN id IS NULL THEN COALESCE(list, ARRAY[]::text[]) ELSE (
    SELECT COALESCE(array_agg(x ORDER BY n), ARRAY[]::text[]) FROM (
      SELECT x, n FROM unnest(array_append(array_remove(COALESCE(list, ARRAY[]::text[]), id), id)) WITH ORDINALITY AS t(x, n)
      ORDER BY n DESC LIMIT 20
    ) newest
  ) END
$$ LANGUAGE sql IMMUTABLE;

CREATE OR REPLACE FUNCTION "user_former_placement"() RETURNS trigger AS $$
DECLARE
  moved_school boolean := OLD."schoolId" IS NOT NULL AND NEW."schoolId" IS DISTINCT FROM OLD."schoolId";
  moved_district boolean := OLD."districtId" IS NOT NULL AND NEW."districtId" IS DISTINCT FROM OLD."districtId";
  stale boolean := OLD."placementChangedAt" IS NULL OR OLD."placementChangedAt" < now() - interval '365 days';
BEGIN
  IF moved_school OR moved_district THEN
    NEW."formerSchoolIds" := "former_placement_add"(CASE WHEN stale THEN NULL ELSE OLD."formerSchoolIds" END, CASE WHEN moved_school THEN OLD."schoolId" END);
    NEW."formerDistrictIds" := "former_placement_add"(CASE WHEN stale THEN NULL ELSE OLD."formerDistrictIds" END, CASE WHEN moved_district THEN OLD."districtId" END);
    -- The previous release's slots, as former_placement_each_slot wrote them.
    NEW."formerSchoolId" := CASE WHEN moved_school THEN OLD."schoolId" WHEN stale THEN NULL ELSE OLD."formerSchoolId" END;
    NEW."formerDistrictId" := CASE WHEN moved_district THEN OLD."districtId" WHEN stale THEN NULL ELSE OLD."formerDistrictId" END;
    NEW."placementChangedAt" := now();
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "membership_former_placement"() RETURNS trigger AS $$
DECLARE
  org_kind "OrgKind";
  org_parent text;
  left_school text;
  left_district text;
  stale boolean;
BEGIN
  SELECT o."kind", o."parentId" INTO org_kind, org_parent FROM "Organization" o WHERE o."id" = OLD."organizationId";
  -- A school's role leaves the school and its district; a district's, the district.
  IF org_kind = 'SCHOOL' THEN
    left_school := OLD."organizationId";
    left_district := org_parent;
  ELSIF org_kind = 'DISTRICT' THEN
    left_district := OLD."organizationId";
  ELSE
    RETURN NULL;
  END IF;
  -- Locked as the UPDATE below would lock it, so the staleness read is the one the update applies to.
  SELECT u."placementChangedAt" IS NULL OR u."placementChangedAt" < now() - interval '365 days' INTO stale
    FROM "User" u WHERE u."id" = OLD."userId" FOR UPDATE;
  UPDATE "User" u SET
    "formerSchoolIds" = "former_placement_add"(CASE WHEN stale THEN NULL ELSE u."formerSchoolIds" END, left_school),
    "formerDistrictIds" = "former_placement_add"(CASE WHEN stale THEN NULL ELSE u."formerDistrictIds" END, left_district),
    -- The previous release's slots, as former_placement_on_role_end wrote them.
    "formerSchoolId" = COALESCE(left_school, CASE WHEN stale THEN NULL ELSE u."formerSchoolId" END),
    "formerDistrictId" = COALESCE(left_district, CASE WHEN stale THEN NULL ELSE u."formerDistrictId" END),
    "placementChangedAt" = now()
  WHERE u."id" = OLD."userId";
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- What the slots hold now, as the lists' first entries.
UPDATE "User" SET
  "formerSchoolIds" = CASE WHEN "formerSchoolId" IS NULL THEN ARRAY[]::text[] ELSE ARRAY["formerSchoolId"] END,
  "formerDistrictIds" = CASE WHEN "formerDistrictId" IS NULL THEN ARRAY[]::text[] ELSE ARRAY["formerDistrictId"] END
WHERE "formerSchoolId" IS NOT NULL OR "formerDistrictId" IS NOT NULL;
