-- Stopping the last level of a track now stops the track enrolment too (withdrawFromMicroCredential),
-- so a teacher who stopped everything is no longer counted as enrolled in a district's
-- recommendation uptake nor shown "Enrolled / Continue". Teachers who stopped every level they had
-- of a track before that change get the same here: an active track enrolment with levels
-- enrolled, none of them active, is withdrawn. One with no level enrolled at all is kept (they
-- enrolled in the track and have not started a level).
UPDATE "Enrollment" t
SET "withdrawnAt" = now()
WHERE t."trackId" IS NOT NULL
  AND t."withdrawnAt" IS NULL
  AND EXISTS (
    SELECT 1 FROM "Enrollment" e JOIN "MicroCredential" m ON m."id" = e."microCredentialId"
    WHERE e."userId" = t."userId" AND m."trackId" = t."trackId")
  AND NOT EXISTS (
    SELECT 1 FROM "Enrollment" e JOIN "MicroCredential" m ON m."id" = e."microCredentialId"
    WHERE e."userId" = t."userId" AND m."trackId" = t."trackId" AND e."withdrawnAt" IS NULL);
