-- Review quality's turnaround figures read the newest decisions of a period (lib/review/quality.ts,
-- getReviewQuality): PASSED or RETURNED attempts by "decidedAt", newest first, at most 10,001. With
-- no index on "decidedAt", every decided attempt of those statuses was read through
-- Attempt_status_submittedAt_idx and sorted (370 ms for the platform's 90 days at scale). This index
-- holds only decided attempts, in the statement's order, so the newest come first without a sort,
-- and one issuer's period is a range of it. Partial indexes cannot be declared in schema.prisma.
CREATE INDEX "Attempt_decided_idx" ON "Attempt" ("decidedAt" DESC, "id" DESC) WHERE "status" IN ('PASSED', 'RETURNED') AND "submittedAt" IS NOT NULL;
