-- Contract step of same_school_always_blocked (ADR 019): the release before this one stopped mapping
-- "blockSameSchool" in its Prisma client, so its servers keep working while this runs during a
-- rolling deploy (tests/integration/schema-contract.test.ts showed that release working without it).
-- Nothing has read the column since; every row held true. Dropping it loses nothing.
ALTER TABLE "Organization" DROP COLUMN "blockSameSchool";
