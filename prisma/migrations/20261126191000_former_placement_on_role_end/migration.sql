-- The conflict-of-interest rules (ADR 019) count every school and district a person holds a role at
-- (a principal leads a school without being placed there, ADR 016), and keep the placement they
-- left for a year (User_former_placement). Ending such a role left no trace: a principal who left
-- the district, or whose role a leader removed, could at once score the school's teachers' work,
-- and its teachers theirs. Now ending a role at a school or a district keeps that school (with its
-- district) or that district as the former placement, for the same year, as leaving a placement
-- does. There is one former slot for a school and one for a district: the latest one left wins,
-- and a slot not touched keeps its value only while the last change is under 365 days old, as in
-- User_former_placement. Roles at an issuer (reviewer, admin) do not count and are left alone. A
-- role removed because the organisation or the account is deleted finds nothing to update.
CREATE FUNCTION "membership_former_placement"() RETURNS trigger AS $$
DECLARE
  org_kind "OrgKind";
  org_parent text;
BEGIN
  SELECT o."kind", o."parentId" INTO org_kind, org_parent FROM "Organization" o WHERE o."id" = OLD."organizationId";
  IF org_kind = 'SCHOOL' THEN
    UPDATE "User" u SET
      "formerSchoolId" = OLD."organizationId",
      "formerDistrictId" = CASE
        WHEN org_parent IS NOT NULL THEN org_parent
        WHEN u."placementChangedAt" IS NULL OR u."placementChangedAt" < now() - interval '365 days' THEN NULL
        ELSE u."formerDistrictId" END,
      "placementChangedAt" = now()
    WHERE u."id" = OLD."userId";
  ELSIF org_kind = 'DISTRICT' THEN
    UPDATE "User" u SET
      "formerDistrictId" = OLD."organizationId",
      "formerSchoolId" = CASE
        WHEN u."placementChangedAt" IS NULL OR u."placementChangedAt" < now() - interval '365 days' THEN NULL
        ELSE u."formerSchoolId" END,
      "placementChangedAt" = now()
    WHERE u."id" = OLD."userId";
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Membership_former_placement"
  AFTER DELETE ON "Membership"
  FOR EACH ROW EXECUTE FUNCTION "membership_former_placement"();
