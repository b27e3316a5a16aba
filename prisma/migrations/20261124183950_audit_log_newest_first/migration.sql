-- The audit log pages (lib/audit/queries.ts) list entries newest first, keyset-paginated on
-- ("at", "id"). Per organisation, "AuditLog_organizationId_at_idx" serves that order; the
-- platform-wide log (no organisation filter) had no index on "at" and sorted the whole table.
-- "id" breaks ties between entries written in one transaction, which share their "at".

-- CreateIndex
CREATE INDEX "AuditLog_at_id_idx" ON "AuditLog"("at", "id");
