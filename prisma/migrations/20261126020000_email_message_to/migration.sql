-- The stored copy of each email is kept under its address as the app normalises addresses (trimmed,
-- lower case), and indexed by it: deleting an account deletes the emails written to it in one
-- indexed DELETE, not a scan of every email kept (lib/auth/delete-account.ts).
-- Copies older than 30 days go first (jobs.tidy keeps no more from now on), so the rewrite and the
-- index below touch only what is kept.
DELETE FROM "EmailMessage" WHERE "createdAt" < now() - interval '30 days';

UPDATE "EmailMessage" SET "to" = lower(btrim("to")) WHERE "to" <> lower(btrim("to"));

CREATE INDEX "EmailMessage_to_idx" ON "EmailMessage"("to");
