import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { isPlatformAdmin, orgIdsWithRole } from '@/lib/auth/actor';
import { forbidden } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { cohensKappa, exactAgreement, summarizeTurnaround, weekStart, type RatingPair } from '@/lib/review/stats';

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
export async function getReviewQuality(opts: { actor: Actor; microCredentialId?: string; from: Date; to: Date }) {
  const issuerIds = isPlatformAdmin(opts.actor) ? null : orgIdsWithRole(opts.actor, 'ISSUER_ADMIN');
  if (issuerIds && !issuerIds.length) throw forbidden('Only issuer admins can see review quality.');
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
    select: { submittedAt: true, decidedAt: true, dueAt: true, submission: { select: { microCredentialId: true, microCredential: { select: { issuer: { select: { slaBusinessDays: true } } } } } } },
  });
  const sla = credentials[0]?.issuer.slaBusinessDays ?? 14;
  const items = decided.map((d) => ({ submittedAt: d.submittedAt!, decidedAt: d.decidedAt!, dueAt: d.dueAt, mc: d.submission.microCredentialId }));
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
