-- Leaving a district (on one's own, removed by its leader, or moving to another) now also ends
-- leading its schools (leaveDistrictRecords, ADR 016). Principals who left before that change still
-- hold SCHOOL_LEADER on the schools of the district they left, and go on reading those schools'
-- teachers, reports and records. Their leaving is in the audit log (people.leave_district,
-- people.remove_from_district, people.move_out, recorded against the district left): a school
-- leader role older than such an entry for its own district ends here, audited as leaving ends it
-- now (people.role_remove against the school, with no actor: the platform did it). A role given
-- after the leaving (appointed again by invitation) is kept.
WITH ended AS (
  DELETE FROM "Membership" m
  USING "Organization" s
  WHERE m."role" = 'SCHOOL_LEADER'
    AND s."id" = m."organizationId"
    AND s."kind" = 'SCHOOL'
    AND s."parentId" IS NOT NULL
    AND EXISTS (
      SELECT 1 FROM "AuditLog" l
      WHERE l."entityType" = 'User'
        AND l."entityId" = m."userId"
        AND l."organizationId" = s."parentId"
        AND l."action" IN ('people.leave_district', 'people.remove_from_district', 'people.move_out')
        AND l."at" > m."createdAt")
  RETURNING m."userId", m."organizationId"
)
INSERT INTO "AuditLog" ("action", "entityType", "entityId", "organizationId", "data")
SELECT 'people.role_remove', 'User', e."userId", e."organizationId", '{"role": "SCHOOL_LEADER", "reason": "left the district before leaving ended school leader roles"}'::jsonb
FROM ended e;
