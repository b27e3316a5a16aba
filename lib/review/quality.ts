import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { isPlatformAdmin, orgIdsWithRole } from '@/lib/auth/actor';
import { forbidden } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { cohensKappa, exactAgreement, summarizeLeniency, summarizeTurnaround, weekStart, LENIENCY_GAP, LENIENCY_MIN_REVIEWS, type LeniencyCell, type LeniencyRow, type RatingPair, type Turnaround } from '@/lib/review/stats';

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

/** How many of the period's newest decisions the turnaround figures rest on. */
export const TURNAROUND_SAMPLE = 10_000;
/** How many of the period's newest double-scored submissions the agreement figures rest on. */
export const AGREEMENT_SAMPLE = 2_000;
/** How many credentials the page lists to filter by and to qualify reviewers for. */
export const QUALITY_CREDENTIAL_LIST = 500;

/** A decision, with its credential and its issuer's service level (summarizeTurnaround reads it for one without a due date). */
type TimedDecision = Turnaround & { mc: string; slaBusinessDays: number };

/** Every decision carries its own issuer's service level: an admin of several issuers, or a platform admin, sees different ones. */
const summarizeTimed = (items: readonly TimedDecision[]) => summarizeTurnaround(items, 0);

export async function getReviewQuality(opts: {
  actor: Actor; microCredentialId?: string; from: Date; to: Date;
  /** At most this many of the newest decisions (TURNAROUND_SAMPLE). */
  decisionSample?: number;
  /** At most this many of the newest double-scored submissions (AGREEMENT_SAMPLE). */
  agreementSample?: number;
  /** At most this many credentials in the list (QUALITY_CREDENTIAL_LIST). */
  credentialLimit?: number;
}) {
  const decisionSample = opts.decisionSample ?? TURNAROUND_SAMPLE;
  const agreementSample = opts.agreementSample ?? AGREEMENT_SAMPLE;
  const credentialLimit = opts.credentialLimit ?? QUALITY_CREDENTIAL_LIST;
  const issuerIds = qualityScope(opts.actor);
  const mcWhere: Prisma.MicroCredentialWhereInput = issuerIds ? { issuerId: { in: issuerIds } } : {};
  const mcFilter = opts.microCredentialId ? { ...mcWhere, id: opts.microCredentialId } : mcWhere;
  const credentialSelect = { id: true, slug: true, currentVersion: { select: { title: true } }, issuer: { select: { slaBusinessDays: true } } } as const;
  // The list to filter by and to qualify reviewers for, one more than shown to know whether it was cut.
  const listed = await db.microCredential.findMany({ where: mcWhere, orderBy: { slug: 'asc' }, take: credentialLimit + 1, select: credentialSelect });

  const doubledRows = await db.attempt.findMany({
    where: {
      doubleScore: true,
      submission: { microCredential: mcFilter },
      reviews: { some: { kind: 'SECOND', status: 'SUBMITTED', submittedAt: { gte: opts.from, lte: opts.to } } },
    },
    // The newest submissions, one more than the sample to know whether the period had more.
    orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
    take: agreementSample + 1,
    select: {
      id: true,
      submission: { select: { microCredentialId: true } },
      reviews: {
        where: { kind: { in: ['PRIMARY', 'SECOND'] }, status: 'SUBMITTED' },
        select: { kind: true, decision: true, reviewerId: true, reviewer: { select: { name: true } }, scores: { select: { criterionId: true, level: { select: { rank: true } } } } },
      },
    },
  });
  const doubled = doubledRows.slice(0, agreementSample);

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

  // The newest decisions, one more than the sample to know whether the period had more: figures
  // that stop at the sample describe the recent weeks, not the oldest part of the period. One
  // statement with its joins (not Prisma's relation loads, which read up to 10,001 submissions by id
  // in a second statement): the partial index "Attempt_decided_idx" on (decidedAt DESC, id DESC)
  // gives them newest first, or, for one issuer, the period's decisions by range.
  const scope = [
    Prisma.sql`a."status" IN ('PASSED'::"AttemptStatus", 'RETURNED'::"AttemptStatus")`,
    Prisma.sql`a."decidedAt" >= ${opts.from}`,
    Prisma.sql`a."decidedAt" <= ${opts.to}`,
    Prisma.sql`a."submittedAt" IS NOT NULL`,
  ];
  if (issuerIds) scope.push(Prisma.sql`m."issuerId" = ANY(${issuerIds}::text[])`);
  if (opts.microCredentialId) scope.push(Prisma.sql`m."id" = ${opts.microCredentialId}`);
  const decidedRows = await db.$queryRaw<{ submittedAt: Date; secondLookRequestedAt: Date | null; decidedAt: Date; dueAt: Date | null; mc: string; slaBusinessDays: number }[]>`
    SELECT a."submittedAt", a."secondLookRequestedAt", a."decidedAt", a."dueAt", s."microCredentialId" AS "mc", o."slaBusinessDays"
    FROM "Attempt" a
    JOIN "Submission" s ON s."id" = a."submissionId"
    JOIN "MicroCredential" m ON m."id" = s."microCredentialId"
    JOIN "Organization" o ON o."id" = m."issuerId"
    WHERE ${Prisma.join(scope, ' AND ')}
    ORDER BY a."decidedAt" DESC, a."id" DESC
    LIMIT ${decisionSample + 1}`;
  const decided = decidedRows.slice(0, decisionSample);
  // A second look is timed from its request, against its own decision date (reset then): counted
  // from the teacher's submission it would add the days the first decision stood.
  const items: TimedDecision[] = decided.map((d) => ({ submittedAt: d.secondLookRequestedAt ?? d.submittedAt, decidedAt: d.decidedAt, dueAt: d.dueAt, mc: d.mc, slaBusinessDays: d.slaBusinessDays }));
  const weeks = Map.groupBy(items, (t) => weekStart(t.decidedAt).toISOString().slice(0, 10));
  const turnaroundByCredential = Map.groupBy(items, (t) => t.mc);

  // The titles of exactly the credentials in the figures (and the one filtered by), wherever they
  // fall in the list: a credential past its end would otherwise show as its id.
  const listedIds = new Set(listed.map((c) => c.id));
  const missing = [...new Set([...byCredential.keys(), ...turnaroundByCredential.keys(), ...(opts.microCredentialId ? [opts.microCredentialId] : [])])].filter((id) => !listedIds.has(id));
  const extra = missing.length ? await db.microCredential.findMany({ where: { ...mcWhere, id: { in: missing } }, select: credentialSelect }) : [];
  const titleOf = new Map([...listed, ...extra].map((c) => [c.id, c.currentVersion?.title ?? c.slug]));
  const label = (id: string) => titleOf.get(id) ?? 'Untitled credential';
  const filtered = opts.microCredentialId ? [...listed, ...extra].find((c) => c.id === opts.microCredentialId) : undefined;
  const shown = listed.slice(0, credentialLimit);
  // The credential filtered by stays in the list (selected) even when it falls past its end.
  if (filtered && !shown.some((c) => c.id === filtered.id)) shown.push(filtered);

  // The dashed service-level line: the filtered credential's issuer's, or the one every issuer in
  // scope shares (an admin's issuers; for a platform admin, those whose decisions are charted, so no
  // scan of every organisation). Issuers with different service levels: no single line.
  const slas = opts.microCredentialId
    ? filtered ? [filtered.issuer.slaBusinessDays] : []
    : issuerIds
      ? (await db.organization.findMany({ where: { id: { in: issuerIds } }, select: { slaBusinessDays: true } })).map((o) => o.slaBusinessDays)
      : items.map((t) => t.slaBusinessDays);
  const distinctSlas = [...new Set(slas)];
  const sla = distinctSlas.length === 1 ? distinctSlas[0] : null;

  return {
    credentials: shown.map((c) => ({ id: c.id, title: label(c.id) })),
    /** The list stops at `credentialLimit`: the actor has more credentials than it shows. */
    credentialsCut: listed.length > credentialLimit,
    credentialLimit,
    agreement: {
      /** The period had more double-scored submissions than the sample: the figures rest on the newest. */
      sampled: doubledRows.length > agreementSample,
      sample: agreementSample,
      overall: agreementRow('all', 'All credentials', overallPairs, overallDecisions),
      byCredential: [...byCredential].map(([id, v]) => agreementRow(id, label(id), v.pairs, v.decisions)).sort((a, b) => a.label.localeCompare(b.label)),
      byReviewer: [...byReviewer].map(([id, v]) => agreementRow(id, v.label, v.pairs, v.decisions)).sort((a, b) => a.label.localeCompare(b.label)),
    },
    turnaround: {
      /** The period had more decisions than the sample: the figures rest on the newest. */
      sampled: decidedRows.length > decisionSample,
      sample: decisionSample,
      /** The service level of every issuer in scope, or null when they differ (or none is known). */
      slaBusinessDays: sla,
      overall: summarizeTimed(items),
      byCredential: [...turnaroundByCredential].map(([id, v]) => ({ id, label: label(id), ...summarizeTimed(v) })).sort((a, b) => a.label.localeCompare(b.label)),
      byWeek: [...weeks].sort(([a], [b]) => a.localeCompare(b)).map(([week, v]) => ({ week, ...summarizeTimed(v) })),
    },
  };
}

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
