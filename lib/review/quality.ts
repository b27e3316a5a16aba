import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { isPlatformAdmin, orgIdsWithRole } from '@/lib/auth/actor';
import { forbidden } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { cohensKappa, exactAgreement, summarizeLeniency, summarizeTurnaround, weekStart, LENIENCY_GAP, LENIENCY_MIN_REVIEWS, type LeniencyCell, type LeniencyRow, type RatingPair } from '@/lib/review/stats';

export type AgreementRow = { id: string; label: string; pairs: number; attempts: number; exactAgreement: number | null; kappa: number | null; decisionAgreement: number | null };

function agreementRow(id: string, label: string, pairs: RatingPair[], decisions: boolean[]): AgreementRow {
  return {
    id, label, pairs: pairs.length, attempts: decisions.length,
    exactAgreement: exactAgreement(pairs), kappa: cohensKappa(pairs),
    decisionAgreement: decisions.length ? decisions.filter(Boolean).length / decisions.length : null,
  };
}

/**
 * Scoring quality for an issuer admin: agreement between PRIMARY and SECOND reviews of
 * double-scored attempts (per reviewer and per credential: exact agreement and Cohen's kappa on
 * criterion levels), and decision turnaround in business days (median, share within the SLA, by week).
 */
/** The issuers whose review quality the actor sees: null for every issuer (platform admin). */
function qualityScope(actor: Actor): string[] | null {
  const issuerIds = isPlatformAdmin(actor) ? null : orgIdsWithRole(actor, 'ISSUER_ADMIN');
  if (issuerIds && !issuerIds.length) throw forbidden('Only issuer admins can see review quality.');
  return issuerIds;
}

export async function getReviewQuality(opts: { actor: Actor; microCredentialId?: string; from: Date; to: Date }) {
  const issuerIds = qualityScope(opts.actor);
  const mcWhere: Prisma.MicroCredentialWhereInput = issuerIds ? { issuerId: { in: issuerIds } } : {};
  const credentials = await db.microCredential.findMany({ where: mcWhere, orderBy: { slug: 'asc' }, take: 500, select: { id: true, slug: true, currentVersion: { select: { title: true } }, issuer: { select: { slaBusinessDays: true } } } });
  const titleOf = new Map(credentials.map((c) => [c.id, c.currentVersion?.title ?? c.slug]));
  const mcFilter = opts.microCredentialId ? { ...mcWhere, id: opts.microCredentialId } : mcWhere;

  const doubled = await db.attempt.findMany({
    where: {
      doubleScore: true,
      submission: { microCredential: mcFilter },
      reviews: { some: { kind: 'SECOND', status: 'SUBMITTED', submittedAt: { gte: opts.from, lte: opts.to } } },
    },
    orderBy: { submittedAt: 'desc' },
    take: 2000,
    select: {
      id: true,
      submission: { select: { microCredentialId: true } },
      reviews: {
        where: { kind: { in: ['PRIMARY', 'SECOND'] }, status: 'SUBMITTED' },
        select: { kind: true, decision: true, reviewerId: true, reviewer: { select: { name: true } }, scores: { select: { criterionId: true, level: { select: { rank: true } } } } },
      },
    },
  });

  const overallPairs: RatingPair[] = [];
  const overallDecisions: boolean[] = [];
  const byReviewer = new Map<string, { label: string; pairs: RatingPair[]; decisions: boolean[] }>();
  const byCredential = new Map<string, { pairs: RatingPair[]; decisions: boolean[] }>();
  for (const a of doubled) {
    const p = a.reviews.find((r) => r.kind === 'PRIMARY');
    const s = a.reviews.find((r) => r.kind === 'SECOND');
    if (!p || !s) continue;
    const second = new Map(s.scores.map((x) => [x.criterionId, x.level.rank]));
    const pairs: RatingPair[] = p.scores.flatMap((x) => (second.has(x.criterionId) ? [[x.level.rank, second.get(x.criterionId)!] as const] : []));
    const same = p.decision === s.decision;
    overallPairs.push(...pairs);
    overallDecisions.push(same);
    const cred = byCredential.get(a.submission.microCredentialId) ?? { pairs: [], decisions: [] };
    cred.pairs.push(...pairs);
    cred.decisions.push(same);
    byCredential.set(a.submission.microCredentialId, cred);
    // Each reviewer is compared with whoever scored the same attempt independently.
    for (const [rev, mine] of [[p, pairs], [s, pairs.map(([x, y]) => [y, x] as const)]] as const) {
      const row = byReviewer.get(rev.reviewerId) ?? { label: rev.reviewer.name, pairs: [], decisions: [] };
      row.pairs.push(...mine);
      row.decisions.push(same);
      byReviewer.set(rev.reviewerId, row);
    }
  }

  const decided = await db.attempt.findMany({
    where: { status: { in: ['PASSED', 'RETURNED'] }, decidedAt: { gte: opts.from, lte: opts.to }, submittedAt: { not: null }, submission: { microCredential: mcFilter } },
    orderBy: { decidedAt: 'asc' },
    take: 10_000,
    select: { submittedAt: true, secondLookRequestedAt: true, decidedAt: true, dueAt: true, submission: { select: { microCredentialId: true, microCredential: { select: { issuer: { select: { slaBusinessDays: true } } } } } } },
  });
  const sla = credentials[0]?.issuer.slaBusinessDays ?? 14;
  // A second look is timed from its request, against its own decision date (reset then): counted
  // from the teacher's submission it would add the days the first decision stood.
  const items = decided.map((d) => ({ submittedAt: d.secondLookRequestedAt ?? d.submittedAt!, decidedAt: d.decidedAt!, dueAt: d.dueAt, mc: d.submission.microCredentialId }));
  const weeks = new Map<string, typeof items>();
  for (const t of items) {
    const k = weekStart(t.decidedAt).toISOString().slice(0, 10);
    weeks.set(k, [...(weeks.get(k) ?? []), t]);
  }
  const turnaroundByCredential = new Map<string, typeof items>();
  for (const t of items) turnaroundByCredential.set(t.mc, [...(turnaroundByCredential.get(t.mc) ?? []), t]);

  return {
    credentials: credentials.map((c) => ({ id: c.id, title: titleOf.get(c.id)! })),
    agreement: {
      overall: agreementRow('all', 'All credentials', overallPairs, overallDecisions),
      byCredential: [...byCredential].map(([id, v]) => agreementRow(id, titleOf.get(id) ?? id, v.pairs, v.decisions)).sort((a, b) => a.label.localeCompare(b.label)),
      byReviewer: [...byReviewer].map(([id, v]) => agreementRow(id, v.label, v.pairs, v.decisions)).sort((a, b) => a.label.localeCompare(b.label)),
    },
    turnaround: {
      slaBusinessDays: sla,
      overall: summarizeTurnaround(items, sla),
      byCredential: [...turnaroundByCredential].map(([id, v]) => ({ id, label: titleOf.get(id) ?? id, ...summarizeTurnaround(v, sla) })).sort((a, b) => a.label.localeCompare(b.label)),
      byWeek: [...weeks].sort(([a], [b]) => a.localeCompare(b)).map(([week, v]) => ({ week, ...summarizeTurnaround(v, sla) })),
    },
  };
}

export type ReviewQuality = Awaited<ReturnType<typeof getReviewQuality>>;

export type ScoringPatternRow = LeniencyRow & { name: string };
export type CriterionBelowPassing = { title: string; scores: number; below: number; share: number };

/**
 * Scoring patterns over every submitted review (first, second and adjudication) of the admin's
 * issuers in a period, not only the double-scored sample the agreement figures rest on:
 * - per reviewer: reviews, pass rate, mean criterion level and its difference from the
 *   credential-wide mean (summarizeLeniency), flagged when large and the sample is big enough;
 * - per credential and criterion: the share of scores below the passing level (the floor, for a
 *   total-based rule) of the version scored, criteria of the same title merged across versions.
 * Two grouped queries over the newest SCORING_PATTERN_SAMPLE reviews of the period (so bounded
 * whatever the volume), one row per reviewer and credential, or per criterion.
 */
/** How many of the newest reviews in the period the scoring patterns rest on. */
export const SCORING_PATTERN_SAMPLE = 5_000;

export async function getScoringPatterns(opts: { actor: Actor; microCredentialId?: string; from: Date; to: Date; minReviews?: number; gap?: number; sample?: number }) {
  const sample = opts.sample ?? SCORING_PATTERN_SAMPLE;
  const issuerIds = qualityScope(opts.actor);
  const where = [
    Prisma.sql`r."status" = 'SUBMITTED'::"ReviewStatus"`,
    Prisma.sql`r."submittedAt" >= ${opts.from}`,
    Prisma.sql`r."submittedAt" <= ${opts.to}`,
  ];
  // The issuer's credentials as an array first: the planner then reaches their submissions through
  // the index on Submission(microCredentialId, …) instead of scanning every submission to join.
  if (issuerIds) where.push(Prisma.sql`s."microCredentialId" = ANY(ARRAY(SELECT "id" FROM "MicroCredential" WHERE "issuerId" = ANY(${issuerIds}::text[])))`);
  if (opts.microCredentialId) where.push(Prisma.sql`s."microCredentialId" = ${opts.microCredentialId}`);
  // The newest reviews of the period, at most SCORING_PATTERN_SAMPLE: the figures stay bounded (and
  // fast) for an issuer with a very large volume, whose patterns a recent sample shows as well.
  const reviewsIn = Prisma.sql`(
      SELECT r."id", r."reviewerId", r."decision", s."microCredentialId"
      FROM "Review" r
      JOIN "Attempt" a ON a."id" = r."attemptId"
      JOIN "Submission" s ON s."id" = a."submissionId"
      WHERE ${Prisma.join(where, ' AND ')}
      ORDER BY r."submittedAt" DESC
      LIMIT ${sample}
    ) r`;
  const [cells, criteria] = await Promise.all([
    db.$queryRaw<LeniencyCell[]>`
      SELECT r."reviewerId", r."microCredentialId",
             count(DISTINCT r."id")::int AS "reviews",
             count(DISTINCT r."id") FILTER (WHERE r."decision" = 'PASS'::"ReviewDecision")::int AS "passes",
             count(l."rank")::int AS "scores",
             coalesce(sum(l."rank"), 0)::int AS "rankSum"
      FROM ${reviewsIn}
      LEFT JOIN "CriterionScore" cs ON cs."reviewId" = r."id"
      LEFT JOIN "ProficiencyLevel" l ON l."id" = cs."levelId"
      GROUP BY r."reviewerId", r."microCredentialId"`,
    db.$queryRaw<{ mc: string; title: string; sortOrder: number; scores: number; below: number }[]>`
      SELECT r."microCredentialId" AS "mc", c."title", min(c."sortOrder")::int AS "sortOrder",
             count(*)::int AS "scores",
             count(*) FILTER (WHERE l."rank" < v."passingLevelRank")::int AS "below"
      FROM ${reviewsIn}
      JOIN "CriterionScore" cs ON cs."reviewId" = r."id"
      JOIN "ProficiencyLevel" l ON l."id" = cs."levelId"
      JOIN "RubricCriterion" c ON c."id" = cs."criterionId"
      JOIN "MicroCredentialVersion" v ON v."id" = c."versionId"
      GROUP BY r."microCredentialId", c."title"`,
  ]);
  const reviewerIds = [...new Set(cells.map((c) => c.reviewerId))];
  const mcIds = [...new Set(criteria.map((c) => c.mc))];
  const [people, credentials] = await Promise.all([
    reviewerIds.length ? db.user.findMany({ where: { id: { in: reviewerIds } }, select: { id: true, name: true } }) : [],
    mcIds.length ? db.microCredential.findMany({ where: { id: { in: mcIds } }, select: { id: true, slug: true, currentVersion: { select: { title: true } } } }) : [],
  ]);
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const titleOf = new Map(credentials.map((c) => [c.id, c.currentVersion?.title ?? c.slug]));
  const byCredential = new Map<string, CriterionBelowPassing[]>();
  for (const c of [...criteria].sort((x, y) => x.sortOrder - y.sortOrder || x.title.localeCompare(y.title))) {
    const list = byCredential.get(c.mc) ?? [];
    list.push({ title: c.title, scores: c.scores, below: c.below, share: c.scores ? c.below / c.scores : 0 });
    byCredential.set(c.mc, list);
  }
  return {
    /** The period had more reviews than the sample: the figures rest on the newest ones. */
    sampled: cells.reduce((n, c) => n + c.reviews, 0) >= sample,
    sample,
    minReviews: opts.minReviews ?? LENIENCY_MIN_REVIEWS,
    gap: opts.gap ?? LENIENCY_GAP,
    reviewers: summarizeLeniency(cells, { minReviews: opts.minReviews, gap: opts.gap })
      .map((r): ScoringPatternRow => ({ ...r, name: nameOf.get(r.reviewerId) ?? 'Former reviewer' }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.reviewerId.localeCompare(b.reviewerId)),
    criteria: [...byCredential]
      .map(([id, rows]) => ({ id, title: titleOf.get(id) ?? id, criteria: rows }))
      .sort((a, b) => a.title.localeCompare(b.title)),
  };
}

export type ScoringPatterns = Awaited<ReturnType<typeof getScoringPatterns>>;
