-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "withdrawnAt" TIMESTAMP(3);

-- Backfill: until now a cancelled invitation was told from one that simply ran out only by its
-- 'people.invitation_cancel' audit entry (cancelling also set its expiry to that moment). A cancel
-- is final (a withdrawn invitation can be neither resent nor accepted), so the entry's time is when
-- it was withdrawn.
UPDATE "Invitation" i
   SET "withdrawnAt" = c."at"
  FROM (
    SELECT a."entityId", min(a."at") AS "at"
      FROM "AuditLog" a
     WHERE a."entityType" = 'Invitation' AND a."action" = 'people.invitation_cancel'
     GROUP BY a."entityId"
  ) c
 WHERE i."id" = c."entityId" AND i."withdrawnAt" IS NULL AND i."acceptedAt" IS NULL;
