import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/db';
import { forbidden } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { canAuthor } from '@/lib/authoring/policy';
import { assertReportablePeriod, type Bucket, type Period } from '@/lib/reporting/schemas';

export type IssuerBucketRow = {
  bucket: Date;
  enrolments: number;
  submissions: number;
  firstDecided: number;
  firstPassed: number;
  /** Mean calendar days from submission to decision, null when nothing was decided. */
  avgDays: number | null;
  decided: number;
  onTime: number;
  reviews: number;
  reviewers: number;
};

async function scope(actor: Actor, issuerId: string, microCredentialId?: string) {
  if (!canAuthor(actor, issuerId)) throw forbidden();
  if (microCredentialId) {
    const mc = await db.microCredential.findFirst({ where: { id: microCredentialId, issuerId }, select: { id: true } });
    if (!mc) throw forbidden();
    return Prisma.sql`SELECT "id" FROM "MicroCredential" WHERE "id" = ${mc.id}`;
  }
  return Prisma.sql`SELECT "id" FROM "MicroCredential" WHERE "issuerId" = ${issuerId}`;
}

/**
 * The issuer's activity per week or month (date_trunc buckets; empty buckets included): enrolments,
 * submitted attempts, first-attempt pass rate, time to decision against the SLA, reviews done.
 */
export async function issuerActivitySeries(opts: { actor: Actor; issuerId: string; microCredentialId?: string; period: Period; bucket: Bucket }): Promise<IssuerBucketRow[]> {
  const mcs = await scope(opts.actor, opts.issuerId, opts.microCredentialId);
  assertReportablePeriod(opts.period, opts.bucket);
  const unit = opts.bucket;
  const step = `1 ${unit}`;
  const { from, to } = opts.period;
  return db.$queryRaw<IssuerBucketRow[]>`
    WITH b AS (
      SELECT generate_series(date_trunc(${unit}, ${from}::timestamp), ${to}::timestamp - interval '1 millisecond', ${step}::interval) AS "bucket"
    ), mcs AS (${mcs}),
    enr AS (
      SELECT date_trunc(${unit}, e."createdAt") AS "bucket", COUNT(*)::int AS n FROM "Enrollment" e
       WHERE e."microCredentialId" IN (SELECT "id" FROM mcs) AND e."createdAt" >= ${from} AND e."createdAt" < ${to} GROUP BY 1
    ), sub AS (
      SELECT date_trunc(${unit}, a."submittedAt") AS "bucket", COUNT(*)::int AS n FROM "Attempt" a JOIN "Submission" s ON s."id" = a."submissionId"
       WHERE s."microCredentialId" IN (SELECT "id" FROM mcs) AND a."submittedAt" >= ${from} AND a."submittedAt" < ${to} GROUP BY 1
    ), dec AS (
      SELECT date_trunc(${unit}, a."decidedAt") AS "bucket",
             COUNT(*) FILTER (WHERE a."number" = 1)::int AS "firstDecided",
             COUNT(*) FILTER (WHERE a."number" = 1 AND a."status" = 'PASSED')::int AS "firstPassed",
             -- A second look counts from its request (its decision date was reset then).
             AVG(EXTRACT(EPOCH FROM (a."decidedAt" - COALESCE(a."secondLookRequestedAt", a."submittedAt"))) / 86400)::float8 AS "avgDays",
             COUNT(*)::int AS "decided",
             COUNT(*) FILTER (WHERE a."dueAt" IS NOT NULL AND a."decidedAt" <= a."dueAt")::int AS "onTime"
        FROM "Attempt" a JOIN "Submission" s ON s."id" = a."submissionId"
       WHERE s."microCredentialId" IN (SELECT "id" FROM mcs) AND a."status" IN ('PASSED', 'RETURNED')
         AND a."decidedAt" >= ${from} AND a."decidedAt" < ${to} GROUP BY 1
    ), rev AS (
      SELECT date_trunc(${unit}, r."submittedAt") AS "bucket", COUNT(*)::int AS n, COUNT(DISTINCT r."reviewerId")::int AS "reviewers"
        FROM "Review" r JOIN "Attempt" a ON a."id" = r."attemptId" JOIN "Submission" s ON s."id" = a."submissionId"
       WHERE s."microCredentialId" IN (SELECT "id" FROM mcs) AND r."status" = 'SUBMITTED'
         AND r."submittedAt" >= ${from} AND r."submittedAt" < ${to} GROUP BY 1
    )
    SELECT b."bucket", COALESCE(enr.n, 0) AS "enrolments", COALESCE(sub.n, 0) AS "submissions",
           COALESCE(dec."firstDecided", 0) AS "firstDecided", COALESCE(dec."firstPassed", 0) AS "firstPassed", dec."avgDays",
           COALESCE(dec."decided", 0) AS "decided", COALESCE(dec."onTime", 0) AS "onTime",
           COALESCE(rev.n, 0) AS "reviews", COALESCE(rev."reviewers", 0) AS "reviewers"
      FROM b LEFT JOIN enr USING ("bucket") LEFT JOIN sub USING ("bucket") LEFT JOIN dec USING ("bucket") LEFT JOIN rev USING ("bucket")
     ORDER BY b."bucket"`;
}

/** Reviewers named in the workload chart, busiest first; the chart says when there are more. */
export const WORKLOAD_SHOWN = 25;
/** Reviewers named under "Open claims now", most claims first; the page says when there are more. */
export const OPEN_CLAIMS_SHOWN = 50;

export type ReviewerCount = { reviewerId: string; name: string; count: number };

export type ReviewerWorkload = {
  /** Reviews submitted in the period per reviewer, busiest first: the first WORKLOAD_SHOWN. */
  submitted: ReviewerCount[];
  /** How many reviewers submitted a review in the period, listed or not. */
  submittedReviewers: number;
  /** Claims open at `now` (their time not run out) per reviewer, most first: the first OPEN_CLAIMS_SHOWN. */
  open: ReviewerCount[];
  /** How many reviewers hold an open claim, listed or not, and how many claims they hold. */
  openReviewers: number;
  openClaims: number;
};

type CountRow = ReviewerCount & { reviewers: number; total: number };

/**
 * Reviews submitted in the period and claims open now, per reviewer: two bounded queries, each
 * narrowed before it groups (Review(status, submittedAt) for the reviews, Review(status,
 * claimExpiresAt) for the claims), so a load never groups the issuer's whole review history, and a
 * reviewer whose only work is an open claim is listed however many others submitted reviews. A
 * claim whose time ran out is not open, though it stays CLAIMED until the next claim on its
 * attempt sweeps it (lib/review/mutations.ts).
 */
export async function reviewerWorkload(opts: { actor: Actor; issuerId: string; microCredentialId?: string; period: Period; now?: Date }): Promise<ReviewerWorkload> {
  const mcs = await scope(opts.actor, opts.issuerId, opts.microCredentialId);
  const { from, to } = opts.period;
  const now = opts.now ?? new Date();
  const perReviewer = (where: Prisma.Sql, limit: number) => db.$queryRaw<CountRow[]>`
    SELECT u."id" AS "reviewerId", u."name", COUNT(*)::int AS "count",
           (COUNT(*) OVER ())::int AS "reviewers", (SUM(COUNT(*)) OVER ())::int AS "total"
      FROM "Review" r
      JOIN "Attempt" a ON a."id" = r."attemptId" JOIN "Submission" s ON s."id" = a."submissionId"
      JOIN "User" u ON u."id" = r."reviewerId"
     WHERE ${where} AND s."microCredentialId" IN (${mcs})
     GROUP BY u."id", u."name"
     ORDER BY "count" DESC, u."name" ASC, u."id" ASC
     LIMIT ${limit}`;
  const [submitted, open] = await Promise.all([
    perReviewer(Prisma.sql`r."status" = 'SUBMITTED' AND r."submittedAt" >= ${from} AND r."submittedAt" < ${to}`, WORKLOAD_SHOWN),
    perReviewer(Prisma.sql`r."status" = 'CLAIMED' AND r."claimExpiresAt" > ${now}`, OPEN_CLAIMS_SHOWN),
  ]);
  const strip = (rows: CountRow[]): ReviewerCount[] => rows.map(({ reviewerId, name, count }) => ({ reviewerId, name, count }));
  return {
    submitted: strip(submitted),
    submittedReviewers: submitted[0]?.reviewers ?? 0,
    open: strip(open),
    openReviewers: open[0]?.reviewers ?? 0,
    openClaims: open[0]?.total ?? 0,
  };
}

/** Totals over the period, computed from the buckets so the headline figures match the charts. */
export function summarise(rows: IssuerBucketRow[]) {
  const sum = (k: keyof IssuerBucketRow) => rows.reduce((s, r) => s + Number(r[k] ?? 0), 0);
  const decided = sum('decided');
  const weightedDays = rows.reduce((s, r) => s + (r.avgDays ?? 0) * r.decided, 0);
  return {
    enrolments: sum('enrolments'),
    submissions: sum('submissions'),
    firstPassRate: sum('firstDecided') ? sum('firstPassed') / sum('firstDecided') : null,
    avgDays: decided ? weightedDays / decided : null,
    onTimeRate: decided ? sum('onTime') / decided : null,
    reviews: sum('reviews'),
  };
}
