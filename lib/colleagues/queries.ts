// Colleagues at one's school (docs/decisions/028): who a signed-in person sees, and what of each.
// Every read starts from the viewer's own row, read afresh each time (a change of school, or
// sharing turned off, takes effect on the next page), and names the rule in its `where`: both
// share, both at the same school, the colleague's account not disabled, not themselves. What a
// colleague shows: their name, portfolio headline, public portfolio's address (only while public),
// the badges on their portfolio that stand today (month earned only), and the micro-credentials
// they are working on. Never evidence, scores, feedback, where an application stands, a day, an
// email address or anything a district keeps.
import 'server-only';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Actor } from '@/lib/auth/actor';
import { isCredentialSlug } from '@/lib/authoring/schemas';
import { colleagueCursorAfter, decodeColleagueCursor } from '@/lib/colleagues/schemas';
import { canSeeColleague, COLLEAGUES_PAGE_SIZE, ITEMS_PER_COLLEAGUE, notListed, sharingState } from '@/lib/colleagues/policy';
import { portfolioBadgeSql } from '@/lib/awards/queries';

const alias = (a: string) => Prisma.raw(`"${a}"`);

/**
 * SQL: the enrolment `e` is a micro-credential its teacher is working on: enrolled and not stopped
 * (the dashboard's "Stopped" is a withdrawn enrolment), no badge of it before its end date, and their
 * current application (the newest cycle), if any, not earned. A badge counts here whatever its
 * standing (revoked, suspended, hidden from the portfolio): were a revoked or suspended one to turn
 * into "working on" while a renewal is open, colleagues would see the issuer withdrew it; they see
 * it leave the badges, as a hidden one does, and nothing more. Past its end date, a renewal or a new
 * application after it shows as work under way.
 */
export function workingOnSql(e: string, now: Date): Prisma.Sql {
  const x = alias(e);
  return Prisma.sql`${x}."microCredentialId" IS NOT NULL AND ${x}."withdrawnAt" IS NULL
    AND NOT EXISTS (SELECT 1 FROM "Award" h WHERE h."userId" = ${x}."userId" AND h."microCredentialId" = ${x}."microCredentialId"
      AND (h."validUntil" IS NULL OR h."validUntil" > ${now}))
    AND coalesce((SELECT s."status" FROM "Submission" s WHERE s."userId" = ${x}."userId" AND s."microCredentialId" = ${x}."microCredentialId"
      ORDER BY s."cycle" DESC LIMIT 1) <> 'EARNED', true)`;
}

/**
 * SQL: the award `a` is a badge its holder shows colleagues: one their public portfolio lists
 * (portfolioBadgeSql), and not past its end date.
 */
export function shownBadgeSql(a: string, now: Date): Prisma.Sql {
  const x = alias(a);
  return Prisma.sql`${portfolioBadgeSql(a)} AND (${x}."validUntil" IS NULL OR ${x}."validUntil" > ${now})`;
}

/** SQL: `c` is someone `me` may see (canSeeColleague): joined on the school, both sharing, not disabled, not `me`. */
const colleagueOfSql = (me: string, c: string) => {
  const [m, x] = [alias(me), alias(c)];
  return Prisma.sql`${x}."schoolId" = ${m}."schoolId" AND ${x}."sharesWithColleagues" = true AND ${x}."disabledAt" IS NULL AND ${x}."id" <> ${m}."id"
    AND ${m}."sharesWithColleagues" = true AND ${m}."schoolId" IS NOT NULL`;
};

export type ColleagueBadge = {
  title: string;
  level: number | null;
  /** A stack badge (several micro-credentials), rather than one micro-credential's. */
  stack: boolean;
  /** The month it was earned, "2026-03" (monthInWords): never the day. */
  earnedMonth: string;
  /** Its catalogue page (a micro-credential's or a stack's), while it has one. */
  href: string | null;
  /** A micro-credential the viewer is working on. */
  alsoMine: boolean;
};

export type ColleagueWork = { title: string; level: number | null; href: string | null; alsoMine: boolean };

export type ColleagueCard = {
  id: string;
  name: string;
  headline: string | null;
  /** The address of their public portfolio, only while it is public. */
  portfolioHref: string | null;
  /** The first ITEMS_PER_COLLEAGUE, those the viewer works on first, then the newest; `more`: how many are not listed. */
  badges: { items: ColleagueBadge[]; more: number };
  work: { items: ColleagueWork[]; more: number };
};

export type ColleaguesPage =
  | { state: 'no-school' }
  | { state: 'not-sharing'; schoolName: string }
  | {
      state: 'sharing';
      schoolName: string;
      /** How many micro-credentials the viewer is working on ("Working on the same as me" matches these). */
      workingOn: number;
      sameAsMe: boolean;
      items: ColleagueCard[];
      nextCursor: string | null;
      continued: boolean;
    };

type Viewer = { id: string; schoolId: string | null; sharesWithColleagues: boolean; schoolName: string | null; mine: string[] };

/** The viewer's own row as it is now, with the micro-credentials they are working on. */
async function readViewer(actorId: string, now: Date): Promise<Viewer | null> {
  const [row] = await db.$queryRaw<Viewer[]>`
    SELECT u."id", u."schoolId", u."sharesWithColleagues", o."name" AS "schoolName",
      ARRAY(SELECT e."microCredentialId" FROM "Enrollment" e WHERE e."userId" = u."id" AND ${workingOnSql('e', now)}) AS "mine"
    FROM "User" u LEFT JOIN "Organization" o ON o."id" = u."schoolId"
    WHERE u."id" = ${actorId}`;
  return row ?? null;
}

type PersonRow = { id: string; name: string; schoolId: string | null; sharesWithColleagues: boolean; disabledAt: Date | null; headline: string | null; handle: string | null };
type BadgeRow = { userId: string; title: string; level: number | null; stack: boolean; earnedMonth: string; mcSlug: string | null; stackSlug: string | null; alsoMine: boolean; total: number };
type WorkRow = { userId: string; title: string; level: number | null; slug: string | null; alsoMine: boolean; total: number };

/**
 * A page of the colleagues the signed-in person sees (canSeeColleague), by name (ties by id), on
 * the index ("schoolId", "sharesWithColleagues", "name", "id"): COLLEAGUES_PAGE_SIZE at a time,
 * after `cursor`. With `sameAsMe`, only those working on, or holding the badge of, a micro-credential
 * the viewer is working on. Four statements per page, however many colleagues or badges: the viewer,
 * the page, and the page's badges and work, each cut to ITEMS_PER_COLLEAGUE per colleague in the
 * database (those the viewer works on first, then the newest), with how many more there are.
 */
export async function listColleagues(opts: { actor: Pick<Actor, 'id'>; cursor?: string; sameAsMe?: boolean; now?: Date }): Promise<ColleaguesPage> {
  const now = opts.now ?? new Date();
  const viewer = await readViewer(opts.actor.id, now);
  const state = viewer ? sharingState(viewer) : 'no-school';
  if (!viewer || state === 'no-school') return { state: 'no-school' };
  const schoolName = viewer.schoolName ?? 'your school';
  if (state === 'not-sharing') return { state, schoolName };

  const cursor = decodeColleagueCursor(opts.cursor);
  const sameAsMe = Boolean(opts.sameAsMe);
  const mine = viewer.mine;
  const base = { state, schoolName, workingOn: mine.length, sameAsMe, continued: Boolean(cursor) } as const;
  // Working on nothing: nobody works on the same.
  if (sameAsMe && !mine.length) return { ...base, items: [], nextCursor: null };

  const after = cursor ? Prisma.sql`AND (c."name", c."id") > (${cursor.n}, ${cursor.id})` : Prisma.empty;
  const same = sameAsMe
    ? Prisma.sql`AND (EXISTS (SELECT 1 FROM "Enrollment" e WHERE e."userId" = c."id" AND e."microCredentialId" = ANY(${mine}::text[]) AND ${workingOnSql('e', now)})
        OR EXISTS (SELECT 1 FROM "Award" a WHERE a."userId" = c."id" AND a."microCredentialId" = ANY(${mine}::text[]) AND ${shownBadgeSql('a', now)}))`
    : Prisma.empty;
  const rows = await db.$queryRaw<PersonRow[]>`
    SELECT c."id", c."name", c."schoolId", c."sharesWithColleagues", c."disabledAt", c."portfolioHeadline" AS "headline",
      CASE WHEN c."portfolioPublic" THEN c."handle" END AS "handle"
    FROM "User" me JOIN "User" c ON ${colleagueOfSql('me', 'c')}
    WHERE me."id" = ${viewer.id} ${after} ${same}
    ORDER BY c."name", c."id"
    LIMIT ${COLLEAGUES_PAGE_SIZE + 1}`;
  // The rule once more, on what came back.
  const page = rows.slice(0, COLLEAGUES_PAGE_SIZE).filter((c) => canSeeColleague(viewer, c));
  const ids = page.map((c) => c.id);
  const [badges, work] = ids.length
    ? await Promise.all([
        db.$queryRaw<BadgeRow[]>`
          SELECT x."userId", x."title", x."level", x."stack", x."earnedMonth", x."mcSlug", x."stackSlug", x."alsoMine", x."total" FROM (
            SELECT a."userId", a."title", a."level", a."stackId" IS NOT NULL AS "stack", to_char(a."issuedAt", 'YYYY-MM') AS "earnedMonth",
              CASE WHEN m."status" IN ('PUBLISHED', 'RETIRED') THEN m."slug" END AS "mcSlug",
              CASE WHEN st."status" = 'PUBLISHED' THEN st."slug" END AS "stackSlug",
              coalesce(a."microCredentialId" = ANY(${mine}::text[]), false) AS "alsoMine",
              (row_number() OVER (PARTITION BY a."userId" ORDER BY coalesce(a."microCredentialId" = ANY(${mine}::text[]), false) DESC, a."issuedAt" DESC, a."id" DESC))::int AS "n",
              (count(*) OVER (PARTITION BY a."userId"))::int AS "total"
            FROM "Award" a
            LEFT JOIN "MicroCredential" m ON m."id" = a."microCredentialId"
            LEFT JOIN "Stack" st ON st."id" = a."stackId"
            WHERE a."userId" = ANY(${ids}::text[]) AND ${shownBadgeSql('a', now)}
          ) x WHERE x."n" <= ${ITEMS_PER_COLLEAGUE} ORDER BY x."userId", x."n"`,
        db.$queryRaw<WorkRow[]>`
          SELECT x."userId", x."title", x."level", x."slug", x."alsoMine", x."total" FROM (
            SELECT e."userId", v."title", m."level",
              CASE WHEN m."status" IN ('PUBLISHED', 'RETIRED') THEN m."slug" END AS "slug",
              e."microCredentialId" = ANY(${mine}::text[]) AS "alsoMine",
              (row_number() OVER (PARTITION BY e."userId" ORDER BY e."microCredentialId" = ANY(${mine}::text[]) DESC, e."createdAt" DESC, e."id" DESC))::int AS "n",
              (count(*) OVER (PARTITION BY e."userId"))::int AS "total"
            FROM "Enrollment" e
            JOIN "MicroCredential" m ON m."id" = e."microCredentialId"
            JOIN "MicroCredentialVersion" v ON v."id" = m."currentVersionId"
            WHERE e."userId" = ANY(${ids}::text[]) AND ${workingOnSql('e', now)}
          ) x WHERE x."n" <= ${ITEMS_PER_COLLEAGUE} ORDER BY x."userId", x."n"`,
      ])
    : [[], []];

  const items = page.map((c): ColleagueCard => {
    const held = badges.filter((b) => b.userId === c.id);
    const doing = work.filter((w) => w.userId === c.id);
    return {
      id: c.id,
      name: c.name,
      headline: c.headline,
      portfolioHref: c.handle ? `/u/${c.handle}` : null,
      badges: {
        items: held.map((b) => ({
          title: b.title, level: b.level, stack: b.stack, earnedMonth: b.earnedMonth, alsoMine: b.alsoMine,
          href: b.mcSlug ? `/micro-credentials/${b.mcSlug}` : b.stackSlug ? `/stacks/${b.stackSlug}` : null,
        })),
        more: notListed(held[0]?.total ?? 0, held.length),
      },
      work: {
        items: doing.map((w) => ({ title: w.title, level: w.level, alsoMine: w.alsoMine, href: w.slug ? `/micro-credentials/${w.slug}` : null })),
        more: notListed(doing[0]?.total ?? 0, doing.length),
      },
    };
  });
  const last = rows.length > COLLEAGUES_PAGE_SIZE ? rows[COLLEAGUES_PAGE_SIZE - 1] : null;
  return { ...base, items, nextCursor: last ? colleagueCursorAfter(last) : null };
}

export type ColleaguesOnCredential =
  | { state: 'no-school' }
  | { state: 'not-sharing'; schoolName: string }
  /**
   * `count`: every colleague on it; `holding`: those holding its badge, `working`: the others, each
   * with up to ON_CREDENTIAL_NAMES names. `workingOnIt`: the viewer is working on it too, so
   * "Working on the same as me" lists these colleagues.
   */
  | { state: 'sharing'; schoolName: string; count: number; holding: ColleagueGroup; working: ColleagueGroup; workingOnIt: boolean };

/** Some of the colleagues on a micro-credential: how many, and the first names by the list's order. */
export type ColleagueGroup = { count: number; names: string[] };

/** How many colleagues' names the apply page's line gives; the rest are counted. */
export const ON_CREDENTIAL_NAMES = 3;

/**
 * For a micro-credential's apply page: where the signed-in person stands with colleagues and, when
 * they share, how many colleagues they see (the same rule as listColleagues) hold its badge and how
 * many others are working on it, each with the first ON_CREDENTIAL_NAMES names by the list's order
 * (someone renewing a badge they hold is among those holding it). One statement (the
 * page is read often): the viewer's row, the credential by its unique slug, and the
 * colleagues at their school on the sharing index, each checked on the (userId, microCredentialId)
 * indexes. By slug, so the page reads it alongside the application. Null for a slug that is not
 * one (the page is "not found" anyway), never sent to the database.
 */
export async function getColleaguesOnCredential(opts: { actor: Pick<Actor, 'id'>; slug: string; now?: Date }): Promise<ColleaguesOnCredential | null> {
  const now = opts.now ?? new Date();
  if (!isCredentialSlug(opts.slug)) return null;
  const [row] = await db.$queryRaw<{ schoolId: string | null; sharesWithColleagues: boolean; schoolName: string | null; count: number; holdingCount: number; holdingNames: string[]; workingNames: string[]; workingOnIt: boolean }[]>`
    WITH me AS (
      SELECT u."id", u."schoolId", u."sharesWithColleagues", o."name" AS "schoolName"
      FROM "User" u LEFT JOIN "Organization" o ON o."id" = u."schoolId"
      WHERE u."id" = ${opts.actor.id}
    ), on_it AS (
      SELECT c."id", c."name",
        EXISTS (SELECT 1 FROM "Award" a WHERE a."userId" = c."id" AND a."microCredentialId" = m."id" AND ${shownBadgeSql('a', now)}) AS "holds",
        EXISTS (SELECT 1 FROM "Enrollment" e WHERE e."userId" = c."id" AND e."microCredentialId" = m."id" AND ${workingOnSql('e', now)}) AS "works"
      FROM me JOIN "User" c ON ${colleagueOfSql('me', 'c')}
      JOIN "MicroCredential" m ON m."slug" = ${opts.slug}
    ), found AS (SELECT f."id", f."name", f."holds" FROM on_it f WHERE f."holds" OR f."works")
    SELECT me."schoolId", me."sharesWithColleagues", me."schoolName",
      (SELECT count(*) FROM found)::int AS "count",
      (SELECT count(*) FROM found WHERE "holds")::int AS "holdingCount",
      ARRAY(SELECT f."name" FROM found f WHERE f."holds" ORDER BY f."name", f."id" LIMIT ${ON_CREDENTIAL_NAMES}) AS "holdingNames",
      ARRAY(SELECT f."name" FROM found f WHERE NOT f."holds" ORDER BY f."name", f."id" LIMIT ${ON_CREDENTIAL_NAMES}) AS "workingNames",
      EXISTS (SELECT 1 FROM "Enrollment" e JOIN "MicroCredential" m ON m."slug" = ${opts.slug} WHERE e."userId" = me."id" AND e."microCredentialId" = m."id" AND ${workingOnSql('e', now)}) AS "workingOnIt"
    FROM me`;
  if (!row) return { state: 'no-school' };
  const state = sharingState(row);
  if (state === 'no-school') return { state };
  const schoolName = row.schoolName ?? 'your school';
  if (state === 'not-sharing') return { state, schoolName };
  return {
    state, schoolName, count: row.count, workingOnIt: row.workingOnIt,
    holding: { count: row.holdingCount, names: row.holdingNames },
    working: { count: row.count - row.holdingCount, names: row.workingNames },
  };
}
