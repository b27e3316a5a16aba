// How the review history says what happened, in plain words (pure: the page and tests share it).
import type { AttemptStatus, ReviewDecision, ReviewKind } from '@/lib/generated/prisma/enums';

/**
 * How a double-scored attempt went, seen from one of its reviews. `agreed`: the other independent
 * score reached the same outcome (null while it is still missing, or for the adjudication itself);
 * `adjudication`: the adjudicator's decision, or PENDING while the disagreement waits for one.
 */
export type DoubleScoring = { agreed: boolean | null; adjudication: ReviewDecision | 'PENDING' | null };

export const reviewKindLabel: Record<ReviewKind, string> = { PRIMARY: 'Review', SECOND: 'Second score', ADJUDICATION: 'Adjudication', SECOND_LOOK: 'Second look' };

export const decisionLabel: Record<ReviewDecision, string> = { PASS: 'Meets the standard', REVISE: 'Needs revision' };

export const attemptOutcomeLabel: Record<AttemptStatus, string> = { DRAFT: 'Not decided yet', SUBMITTED: 'Not decided yet', PASSED: 'Passed', RETURNED: 'Returned for revision' };

/**
 * A review of an attempt that went to a second look: the second look's own (final), or one whose
 * decision an issuer admin set aside for it (the reviewer is never told who asked, or why).
 */
export function secondLookText(kind: ReviewKind, secondLook: 'PENDING' | ReviewDecision | null): string | null {
  if (kind === 'SECOND_LOOK') return 'A second look: your decision was final for this attempt';
  if (!secondLook) return null;
  return secondLook === 'PENDING' ? 'Set aside for a second look, which is under way' : `Set aside for a second look: ${decisionLabel[secondLook].toLowerCase()}`;
}

/** "The other reviewer disagreed · adjudicated: meets the standard", or "Scored once". */
export function doubleScoringText(kind: ReviewKind, d: DoubleScoring | null): string {
  // A second look is one independent review, never compared with another as double scoring is.
  if (kind === 'SECOND_LOOK') return 'Not part of double scoring';
  if (!d) return 'Scored once';
  const parts: string[] = [];
  if (kind === 'ADJUDICATION') parts.push('You settled a disagreement between two reviewers');
  else parts.push(d.agreed === null ? 'Waiting for the other independent score' : d.agreed ? 'The other reviewer agreed' : 'The other reviewer disagreed');
  if (d.adjudication === 'PENDING') parts.push('waiting for adjudication');
  else if (d.adjudication && kind !== 'ADJUDICATION') parts.push(`adjudicated: ${decisionLabel[d.adjudication].toLowerCase()}`);
  return parts.join(' · ');
}
