-- CreateIndex
CREATE INDEX "Job_type_completedAt_idx" ON "Job"("type", "completedAt");

-- The jobs a claim poll can take: due, not finished, attempts left. Given-up jobs (kept 90 days as
-- the record of a failure) stay out of it, so a mail outage that gave up thousands of emails does
-- not slow every poll of every worker. Partial indexes cannot be declared in schema.prisma.
CREATE INDEX "Job_due_idx" ON "Job" ("runAt") WHERE "completedAt" IS NULL AND "attempts" < "maxAttempts";
