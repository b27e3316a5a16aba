-- Review claims and decisions: at most one active claim and one submitted review per (attempt, kind),
-- so two reviewers racing for the same attempt (or two tabs deciding it) cannot both win.
-- Partial unique indexes are not expressible in schema.prisma; they live only here.
CREATE UNIQUE INDEX "Review_one_active_claim" ON "Review" ("attemptId", "kind") WHERE "status" = 'CLAIMED';
CREATE UNIQUE INDEX "Review_one_submitted" ON "Review" ("attemptId", "kind") WHERE "status" = 'SUBMITTED';
