import 'server-only';
import { db, type Tx } from '@/lib/db';
import { isIssuerAdmin, type Actor } from '@/lib/auth/actor';
import { notFound } from '@/lib/errors';
import { isCursorId } from '@/lib/catalog/cursor';
import { FeedbackCommentsPage, RATINGS, type Rating } from '@/lib/credential-feedback/schemas';
import { feedbackRefusal, feedbackStanding, type FeedbackStanding, type PublicFeedbackSummary } from '@/lib/credential-feedback/policy';
import { monthYearFmt } from '@/lib/dates';

// Reading teachers' feedback on micro-credentials (lib/credential-feedback/mutations.ts writes it).
// - The teacher reads and edits only their own (getFeedbackForm).
// - The issuer's admins read every answer on their credentials, never who gave it: no name, no
//   account, no row id, no day or time finer than the month (getCredentialFeedbackReport).
// - Everyone else, on the public page, reads the stored public figures (an average and typical
//   hours), taken afresh only after every five new ratings, so no single rating, edit or deletion
//   can be told apart (getCredentialFeedbackSummary; the mutations take them).

/** Micro-credentials with a public page (published, or retired with its page kept). */
const VISIBLE = { status: { in: ['PUBLISHED', 'RETIRED'] as ('PUBLISHED' | 'RETIRED')[] }, currentVersionId: { not: null } };

/** Where `userId` stands with the micro-credential for feedback (feedbackStanding), from their attempts on every cycle and their badges. */
export async function getFeedbackStanding(userId: string, microCredentialId: string, client: Tx | typeof db = db): Promise<FeedbackStanding> {
  const [attempts, badge] = await Promise.all([
    // One row per status (distinct): a teacher's applications of one credential are few anyway.
    client.attempt.findMany({ where: { submission: { userId, microCredentialId } }, distinct: ['status'], select: { status: true } }),
    client.award.findFirst({ where: { userId, microCredentialId }, select: { id: true } }),
  ]);
  return feedbackStanding(attempts.map((a) => a.status), badge !== null);
}

/**
 * The teacher's feedback page: the credential (only one with a public page; null otherwise, for a
 * 404), the issuer's stated PD hours (of the version the teacher last worked on, else the current
 * one), whether they may give feedback and why not, and what they said before.
 */
export async function getFeedbackForm(actor: Actor, slug: string) {
  const mc = await db.microCredential.findFirst({
    where: { slug, ...VISIBLE },
    select: { id: true, slug: true, status: true, issuer: { select: { name: true } }, currentVersion: { select: { title: true, pdHours: true } } },
  });
  if (!mc || !mc.currentVersion) return null;
  const [standing, saved, worked] = await Promise.all([
    getFeedbackStanding(actor.id, mc.id),
    db.credentialFeedback.findUnique({
      where: { userId_microCredentialId: { userId: actor.id, microCredentialId: mc.id } },
      select: { rating: true, hoursSpent: true, comment: true, updatedAt: true },
    }),
    // The hours stated on the version the teacher's latest application followed: a later version
    // may state different ones.
    db.submission.findFirst({ where: { userId: actor.id, microCredentialId: mc.id }, orderBy: { cycle: 'desc' }, select: { version: { select: { pdHours: true } } } }),
  ]);
  return {
    mc: { id: mc.id, slug: mc.slug, title: mc.currentVersion.title, issuerName: mc.issuer.name, retired: mc.status === 'RETIRED' },
    statedHours: Number(worked?.version.pdHours ?? mc.currentVersion.pdHours),
    standing,
    refusal: feedbackRefusal(standing, saved !== null),
    saved: saved ? { rating: saved.rating, hoursSpent: saved.hoursSpent === null ? null : Number(saved.hoursSpent), comment: saved.comment, updatedAt: saved.updatedAt } : null,
  };
}

/** What the prompt on a teacher's application page shows (FeedbackPrompt): their rating, and their standing. */
export type FeedbackPromptState = { rating: number | null; standing: FeedbackStanding };
export async function getFeedbackPromptState(userId: string, microCredentialId: string): Promise<FeedbackPromptState> {
  const [rating, standing] = await Promise.all([getOwnFeedbackRating(userId, microCredentialId), getFeedbackStanding(userId, microCredentialId)]);
  return { rating, standing };
}

/** The teacher's own saved rating of a credential, or null: for a prompt on their application page. */
export async function getOwnFeedbackRating(userId: string, microCredentialId: string): Promise<number | null> {
  const row = await db.credentialFeedback.findUnique({ where: { userId_microCredentialId: { userId, microCredentialId } }, select: { rating: true } });
  return row?.rating ?? null;
}

export type FeedbackStats = {
  count: number; average: number | null;
  r1: number; r2: number; r3: number; r4: number; r5: number;
  hoursCount: number; median: number | null; p25: number | null; p75: number | null;
  comments: number;
  /** When the newest rating was first saved (null: none). */
  newest: Date | null;
};

/**
 * Every figure of one credential's feedback in one pass over its rows (the index on
 * microCredentialId finds them): for the issuer's page, and, inside a write's transaction
 * (`client`), for taking the public figures afresh (lib/credential-feedback/mutations.ts).
 */
export async function feedbackStats(microCredentialId: string, client: Tx | typeof db = db): Promise<FeedbackStats> {
  // percentile_cont skips rows without hours, as count("hoursSpent") does.
  const [row] = await client.$queryRaw<FeedbackStats[]>`
    SELECT count(*)::int AS "count", avg("rating")::float8 AS "average",
      count(*) FILTER (WHERE "rating" = 1)::int AS "r1", count(*) FILTER (WHERE "rating" = 2)::int AS "r2",
      count(*) FILTER (WHERE "rating" = 3)::int AS "r3", count(*) FILTER (WHERE "rating" = 4)::int AS "r4",
      count(*) FILTER (WHERE "rating" = 5)::int AS "r5",
      count("hoursSpent")::int AS "hoursCount", count("comment")::int AS "comments",
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY "hoursSpent"))::float8 AS "median",
      (percentile_cont(0.25) WITHIN GROUP (ORDER BY "hoursSpent"))::float8 AS "p25",
      (percentile_cont(0.75) WITHIN GROUP (ORDER BY "hoursSpent"))::float8 AS "p75",
      max("createdAt") AS "newest"
    FROM "CredentialFeedback" WHERE "microCredentialId" = ${microCredentialId}`;
  return row;
}

/**
 * For the public micro-credential page: the stored public figures of teachers' feedback (an average
 * rating, how many ratings it was taken from, and the typical hours), or null while there are none
 * (fewer than SUMMARY_MIN_RATINGS ratings). One row by its key, whatever the number of ratings: the
 * mutations take the figures afresh after every five new ratings (ADR 027). `microCredentialId` may
 * come from anywhere: an id that is not one of ours reads as no feedback.
 */
export async function getCredentialFeedbackSummary(microCredentialId: string): Promise<PublicFeedbackSummary | null> {
  // An id with NUL in it reads as no rows (the client's guard, lib/db.ts).
  if (typeof microCredentialId !== 'string' || !isCursorId(microCredentialId)) return null;
  const row = await db.credentialFeedbackPublic.findUnique({ where: { microCredentialId }, select: { count: true, average: true, typicalHours: true } });
  // Withdrawn (fewer than five ratings left): nothing to show.
  return row && row.count !== null && row.average !== null ? { count: row.count, average: row.average, typicalHours: row.typicalHours } : null;
}

/** Comments on the issuer's feedback page, a page at a time. */
export const FEEDBACK_COMMENTS_PAGE_SIZE = 20;

/** One comment as the issuer reads it: what the teacher said, and the month they said it, nothing finer. */
type CommentRow = { rating: number; hoursSpent: number | null; comment: string; month: string };

/**
 * A page of the credential's comments. Ordered by the month written, newest first, then by a hash of
 * the row id: an order that says nothing about when in the month, or in what order, they were written
 * (the id, a cuid, starts with its creation time; its hash does not). Neither the id nor a time finer
 * than the month leaves the database, so neither can reach the page, its links or its React keys.
 * Pages are numbered rather than keyed on the last row: a keyset cursor would have to carry the row's
 * time, and an edited one would let an admin search for each comment's exact time.
 *
 * Cost: the (microCredentialId, updatedAt) index finds the credential's rows; Postgres then sorts only
 * those with a comment (at most a few thousand per credential) to take one page. OFFSET is bounded by
 * FEEDBACK_COMMENTS_PAGE_MAX. Were a credential ever to gather far more, an expression index on
 * ("microCredentialId", date_trunc('month', "updatedAt"), md5("id")) would serve this order directly.
 */
function commentPage(microCredentialId: string, page: number): Promise<CommentRow[]> {
  return db.$queryRaw<CommentRow[]>`
    SELECT "rating", "hoursSpent"::float8 AS "hoursSpent", "comment",
      to_char(date_trunc('month', "updatedAt"), 'YYYY-MM') AS "month"
    FROM "CredentialFeedback"
    WHERE "microCredentialId" = ${microCredentialId} AND "comment" IS NOT NULL
    ORDER BY date_trunc('month', "updatedAt") DESC, md5("id"), "id"
    LIMIT ${FEEDBACK_COMMENTS_PAGE_SIZE} OFFSET ${(page - 1) * FEEDBACK_COMMENTS_PAGE_SIZE}`;
}

/**
 * The issuer's view of teachers' feedback on one micro-credential: how many rated it, the average,
 * how many gave each rating, the hours they report (median and middle half) against the PD hours the
 * issuer states, and the comments, by the month they were written (newest month first, in no
 * particular order within a month), FEEDBACK_COMMENTS_PAGE_SIZE to a numbered page. Only for admins
 * of the issuing organisation (and platform admins); anyone else is told it does not exist, as on the
 * credential's other admin pages.
 *
 * Nothing names the teacher: no name, no account id, no row id, and a comment is dated by month only,
 * so the day it was written cannot be matched with the day someone's application was decided.
 * `page` is the `?page=` as given (FeedbackCommentsPage): anything but a page number is the first.
 */
export async function getCredentialFeedbackReport(opts: { actor: Actor; microCredentialId: string; page?: number | string | string[] }) {
  const mc = await db.microCredential.findUnique({
    where: { id: opts.microCredentialId },
    select: {
      id: true, slug: true, status: true, issuerId: true,
      issuer: { select: { name: true } },
      currentVersion: { select: { title: true, version: true, pdHours: true } },
      versions: { orderBy: { version: 'desc' }, take: 1, select: { title: true, version: true, pdHours: true } },
    },
  });
  if (!mc || !isIssuerAdmin(opts.actor, mc.issuerId)) throw notFound('That credential');
  // The hours teachers see stated are the published version's; a credential never published has only its draft's.
  const shown = mc.currentVersion ?? mc.versions[0];
  if (!shown) throw notFound('That credential');
  const page = FeedbackCommentsPage.parse(opts.page);
  const [stats, rows, publicFigures] = await Promise.all([
    feedbackStats(mc.id),
    commentPage(mc.id, page),
    // What the public page shows, so the issuer's page can say what it is made from.
    db.credentialFeedbackPublic.findUnique({ where: { microCredentialId: mc.id }, select: { count: true } }),
  ]);
  const distribution = RATINGS.map((rating: Rating) => ({ rating, count: stats[`r${rating}`] }));
  const pageCount = Math.max(1, Math.ceil(stats.comments / FEEDBACK_COMMENTS_PAGE_SIZE));
  return {
    mc: { id: mc.id, slug: mc.slug, status: mc.status, title: shown.title, version: shown.version, issuerName: mc.issuer.name },
    statedHours: Number(shown.pdHours),
    count: stats.count,
    average: stats.average,
    /** How many ratings the public figures were last taken from; null while the public page shows none. */
    publicCount: publicFigures?.count ?? null,
    distribution,
    hours: { count: stats.hoursCount, median: stats.median, p25: stats.p25, p75: stats.p75 },
    comments: {
      total: stats.comments,
      page,
      pageCount,
      // `month` is "2026-03", for <time dateTime>; `writtenIn` is "March 2026".
      items: rows.map((r) => ({ rating: r.rating, hoursSpent: r.hoursSpent, comment: r.comment, month: r.month, writtenIn: monthOf(r.month) })),
    },
  };
}

/** "March 2026" from "2026-03". */
const monthOf = (yearMonth: string) => {
  const [year, month] = yearMonth.split('-').map(Number);
  return monthYearFmt.format(new Date(Date.UTC(year, month - 1, 1)));
};

export type CredentialFeedbackReport = Awaited<ReturnType<typeof getCredentialFeedbackReport>>;
