-- A holder can leave a badge off their public portfolio (list and totals); its own page still verifies.
-- A constant default: Postgres 11+ adds the column without rewriting the table.
ALTER TABLE "Award" ADD COLUMN "hiddenFromPortfolio" BOOLEAN NOT NULL DEFAULT false;

-- Whether the portfolio's header names the teacher's school (docs/decisions/025). Off for new
-- accounts. Portfolios public today keep showing it, as they did: nothing anyone sees changes
-- today, and their owners now see the setting beside a preview. An account whose portfolio is
-- private shows the school to nobody yet, so it starts from the new default and chooses, with the
-- preview, when it goes public.
ALTER TABLE "User" ADD COLUMN "portfolioShowsSchool" BOOLEAN NOT NULL DEFAULT false;
UPDATE "User" SET "portfolioShowsSchool" = true WHERE "portfolioPublic";
