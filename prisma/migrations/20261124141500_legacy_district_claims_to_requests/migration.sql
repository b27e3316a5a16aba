-- Before requests to join a district (20261124131257_district_join_requests), choosing a district
-- at sign-up linked the account to it at once. Those self-made links have no school, no membership
-- in the district or one of its schools (invitations and leaders' placements make one), and no
-- leader ever placed them. They become requests, which the district's leaders confirm or decline;
-- proposals they had sent to that district go back to their authors as drafts.
WITH "claims" AS (
  SELECT u."id" AS "userId", u."districtId"
    FROM "User" u
   WHERE u."districtId" IS NOT NULL
     AND u."schoolId" IS NULL
     AND NOT EXISTS (
       SELECT 1 FROM "Membership" m JOIN "Organization" o ON o."id" = m."organizationId"
        WHERE m."userId" = u."id" AND (o."id" = u."districtId" OR o."parentId" = u."districtId"))
     AND NOT EXISTS (
       SELECT 1 FROM "AuditLog" a WHERE a."entityId" = u."id" AND a."action" = 'people.set_school')
), "moved" AS (
  UPDATE "User" u
     SET "requestedDistrictId" = c."districtId", "districtRequestedAt" = u."createdAt", "districtId" = NULL
    FROM "claims" c
   WHERE u."id" = c."userId"
  RETURNING c."userId", c."districtId"
)
UPDATE "Proposal" p
   SET "status" = 'DRAFT', "submittedAt" = NULL, "version" = p."version" + 1
  FROM "moved" m
 WHERE p."userId" = m."userId" AND p."districtId" = m."districtId" AND p."status" = 'SUBMITTED';
