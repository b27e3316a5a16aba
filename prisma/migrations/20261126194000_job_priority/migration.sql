-- Jobs are claimed by priority, then oldest first (lib/jobs/queue.ts, priorityFor): a password reset
-- or an address confirmation someone is waiting for at the screen no longer waits behind the
-- thousands of notification emails one district recommendation queues, nor a badge's issuing
-- behind them. Existing jobs keep priority 0, as every job had before.
ALTER TABLE "Job" ADD COLUMN "priority" INTEGER NOT NULL DEFAULT 0;

-- The claim poll's index, now in the claim's order: ORDER BY "priority" DESC, "runAt" LIMIT n walks
-- it from the start and stops after n due rows, with no sort. Still partial, as before: the
-- given-up jobs (kept 90 days as the record of a failure) stay out of it. Partial indexes cannot be
-- declared in schema.prisma.
DROP INDEX "Job_due_idx";
CREATE INDEX "Job_due_idx" ON "Job" ("priority" DESC, "runAt") WHERE "completedAt" IS NULL AND "attempts" < "maxAttempts";
