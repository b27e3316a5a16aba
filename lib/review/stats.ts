// Pure scoring-quality statistics over pairs of ratings (criterion levels given by two reviewers
// to the same criterion of the same attempt) and over decision turnaround.
import { businessDaysBetween } from '@/lib/review/sla';

export type RatingPair = readonly [a: number, b: number];

/** Share of pairs where both reviewers chose the same level; null when there is nothing to compare. */
export function exactAgreement(pairs: readonly RatingPair[]): number | null {
  if (pairs.length === 0) return null;
  return pairs.filter(([a, b]) => a === b).length / pairs.length;
}

/**
 * Cohen's kappa (unweighted): (po - pe) / (1 - pe), with pe from each reviewer's own marginal
 * distribution of levels. When pe = 1 both reviewers used one and the same level for every rating,
 * so they agree perfectly but chance cannot be separated out; we report 1 rather than dividing by
 * zero (po is necessarily 1 then). Null when there are no pairs.
 */
export function cohensKappa(pairs: readonly RatingPair[]): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const po = exactAgreement(pairs)!;
  const countA = new Map<number, number>();
  const countB = new Map<number, number>();
  for (const [a, b] of pairs) {
    countA.set(a, (countA.get(a) ?? 0) + 1);
    countB.set(b, (countB.get(b) ?? 0) + 1);
  }
  let pe = 0;
  for (const [level, ca] of countA) pe += (ca / n) * ((countB.get(level) ?? 0) / n);
  if (Math.abs(1 - pe) < 1e-12) return 1;
  return (po - pe) / (1 - pe);
}

/** Landis and Koch's labels, so a number is never the only way the result is conveyed. */
export function describeKappa(kappa: number | null): string {
  if (kappa === null) return 'no data';
  if (kappa < 0) return 'poor';
  if (kappa <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almost perfect';
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** A decision's timing; `slaBusinessDays`: its own issuer's service level, where decisions of several issuers are summarised together. */
export type Turnaround = { submittedAt: Date; decidedAt: Date; dueAt: Date | null; slaBusinessDays?: number };

/**
 * Median business days from submission to decision, and the share decided by the SLA deadline: its
 * due date, or without one, `slaBusinessDays` business days (the decision's own, else the one given).
 */
export function summarizeTurnaround(items: readonly Turnaround[], slaBusinessDays: number): { count: number; medianBusinessDays: number | null; withinSlaShare: number | null } {
  if (items.length === 0) return { count: 0, medianBusinessDays: null, withinSlaShare: null };
  const days = items.map((t) => businessDaysBetween(t.submittedAt, t.decidedAt));
  const within = items.filter((t, i) => (t.dueAt ? t.decidedAt <= t.dueAt : days[i] <= (t.slaBusinessDays ?? slaBusinessDays))).length;
  return { count: items.length, medianBusinessDays: median(days), withinSlaShare: within / items.length };
}

/** Monday (UTC) of the week a date falls in: the bucket of the turnaround time series. */
export function weekStart(d: Date): Date {
  const x = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dow = (x.getUTCDay() + 6) % 7;
  x.setUTCDate(x.getUTCDate() - dow);
  return x;
}

/** Exact agreement of a reviewer's calibration ranks with the expected ones, by criterion index. */
export function calibrationAgreement(expected: Record<string, number>, given: Record<string, number | undefined>): { matches: number; total: number; differences: { index: number; expected: number; given: number | null }[] } {
  const keys = Object.keys(expected).sort((a, b) => Number(a) - Number(b));
  const differences: { index: number; expected: number; given: number | null }[] = [];
  let matches = 0;
  for (const k of keys) {
    const g = given[k];
    if (g === expected[k]) matches++;
    else differences.push({ index: Number(k), expected: expected[k], given: g ?? null });
  }
  return { matches, total: keys.length, differences };
}

export const CALIBRATION_THRESHOLD = 0.75;

// ── Leniency: does a reviewer score higher or lower than colleagues on the same credentials? ──

/** A reviewer's submitted reviews of one credential in a period: how many, passes, and the criterion levels given. */
export type LeniencyCell = { reviewerId: string; microCredentialId: string; reviews: number; passes: number; scores: number; rankSum: number };

/** Fewer submitted reviews than this in the period, and a reviewer is never flagged: the gap could be chance. */
export const LENIENCY_MIN_REVIEWS = 10;
/** A gap of at least this many rubric levels (on average per criterion) from the credential-wide mean is flagged. */
export const LENIENCY_GAP = 0.5;

export type LeniencyRow = {
  reviewerId: string;
  reviews: number;
  /** Share of the reviewer's reviews that found the work meets the standard. */
  passRate: number | null;
  /** Mean level (rank, 0 = lowest) the reviewer gave a criterion. */
  meanRank: number | null;
  /**
   * Mean of (level given − the credential-wide mean level of that credential) over the reviewer's
   * criterion scores: positive scores higher than colleagues. Comparing within each credential keeps
   * a reviewer of easier credentials from looking lenient.
   */
  difference: number | null;
  flag: 'HIGHER' | 'LOWER' | null;
};

/** Per reviewer, from per-(reviewer, credential) cells. The credential-wide mean counts every reviewer's scores. */
export function summarizeLeniency(cells: readonly LeniencyCell[], opts: { minReviews?: number; gap?: number } = {}): LeniencyRow[] {
  const minReviews = opts.minReviews ?? LENIENCY_MIN_REVIEWS;
  const gap = opts.gap ?? LENIENCY_GAP;
  const credential = new Map<string, { scores: number; rankSum: number }>();
  for (const c of cells) {
    const t = credential.get(c.microCredentialId) ?? { scores: 0, rankSum: 0 };
    t.scores += c.scores;
    t.rankSum += c.rankSum;
    credential.set(c.microCredentialId, t);
  }
  const meanOf = (mc: string) => {
    const t = credential.get(mc)!;
    return t.scores ? t.rankSum / t.scores : 0;
  };
  const byReviewer = new Map<string, { reviews: number; passes: number; scores: number; rankSum: number; expected: number }>();
  for (const c of cells) {
    const r = byReviewer.get(c.reviewerId) ?? { reviews: 0, passes: 0, scores: 0, rankSum: 0, expected: 0 };
    r.reviews += c.reviews;
    r.passes += c.passes;
    r.scores += c.scores;
    r.rankSum += c.rankSum;
    r.expected += meanOf(c.microCredentialId) * c.scores;
    byReviewer.set(c.reviewerId, r);
  }
  return [...byReviewer].map(([reviewerId, r]) => {
    const difference = r.scores ? (r.rankSum - r.expected) / r.scores : null;
    // A hair of tolerance: a gap of exactly `gap` levels should not escape on floating-point noise.
    const large = difference !== null && r.reviews >= minReviews && Math.abs(difference) >= gap - 1e-9;
    return {
      reviewerId,
      reviews: r.reviews,
      passRate: r.reviews ? r.passes / r.reviews : null,
      meanRank: r.scores ? r.rankSum / r.scores : null,
      difference,
      flag: large ? (difference! > 0 ? 'HIGHER' : 'LOWER') : null,
    };
  });
}
