import type { ReviewKind } from '@/lib/generated/prisma/enums';
import { passedPartIds, type PassingRule } from '@/lib/review/rubric';

type SubmittedReview = { kind: ReviewKind; submittedAt: Date | null };

/**
 * The submitted reviews that made an attempt's decision (see submitReview): a second look replaces
 * whatever decided the attempt before (lib/review/second-look.ts) and is then the decision on its
 * own; an adjudication settles a disagreement and is likewise the decision alone; otherwise the
 * primary review, with the second review when the attempt was double scored (the two agreed, or
 * there would be an adjudication). Primary first, so "Reviewer 1" and "Reviewer 2" keep their order
 * wherever they are shown.
 */
export function decidingReviews<R extends SubmittedReview>(submitted: R[]): R[] {
  const newest = (kind: ReviewKind) =>
    submitted.filter((r) => r.kind === kind).sort((a, b) => (b.submittedAt?.getTime() ?? 0) - (a.submittedAt?.getTime() ?? 0))[0];
  const secondLook = newest('SECOND_LOOK');
  if (secondLook) return [secondLook];
  const adjudication = newest('ADJUDICATION');
  if (adjudication) return [adjudication];
  return [newest('PRIMARY'), newest('SECOND')].filter((r): r is R => Boolean(r));
}

/**
 * Parts kept as they are on revision: those that passed in every review that decided the returned
 * attempt. A part one reviewer asked to change stays open, so the teacher can act on all the
 * feedback they are shown.
 */
export function carriedPartIds(
  rule: PassingRule,
  criteria: { id: string; partId: string | null }[],
  reviews: { scores: { criterionId: string; rank: number }[] }[],
  topRank?: number,
): Set<string> {
  if (!reviews.length) return new Set();
  const [first, ...rest] = reviews.map((r) => passedPartIds(rule, criteria, r.scores, topRank));
  return new Set([...first].filter((id) => rest.every((s) => s.has(id))));
}
