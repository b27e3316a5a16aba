-- "A reviewer never scores their own or a colleague's work." Reviewing a colleague at one's own
-- school was an issuer's choice (off unless the issuer turned it on), so by default two teachers at
-- one school could score each other, and a principal their own staff. It is now the platform's rule
-- for every issuer (conflictOfInterest in lib/review/policy.ts, the queue's SQL), not a setting
-- (ADR 019, "Later change (26 Nov 2026)"). Claims already held by a reviewer at the teacher's
-- school under an issuer that had it off are given back, with why, by the hourly sweep
-- (releaseClaimsNoLongerAllowed). The same district stays the issuer's choice.
--
-- Expand, then contract: this release reads the column no more, but app servers still running the
-- previous release during a rolling deploy do, so it stays for one release, true everywhere and by
-- default, and they apply the rule too. The next release's migration drops it.
ALTER TABLE "Organization" ALTER COLUMN "blockSameSchool" SET DEFAULT true;
UPDATE "Organization" SET "blockSameSchool" = true WHERE "blockSameSchool" = false;
