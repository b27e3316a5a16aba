// Words for conflicts of interest, safe to import from client components (no server code).
import type { ReviewDenial } from '@/lib/review/policy';

/**
 * Why an issuer's conflict rules tie this person to the teacher, as the words in brackets after
 * "would stop you from reviewing it yourself": the tie conflictOfInterest found, not a guess.
 */
export function conflictTie(conflict: ReviewDenial): string {
  switch (conflict) {
    case 'SAME_SCHOOL':
      return 'you and they are, or lately were, at the same school';
    case 'SAME_DISTRICT':
      return 'you and they are, or lately were, in the same district';
    case 'SAME_EMAIL_DOMAIN':
      return 'your email address is at the same school district or institution as theirs';
    default:
      return 'you share their school or district';
  }
}

/**
 * Why a claim was given back once its reviewer was found no longer allowed to score the work (the
 * audit entry's reason, which claimEndText shows them); also what the review page says of a claim
 * still recorded as theirs that they may no longer score (getReviewWorkspace's `cannotScoreBecause`).
 */
export const withdrawnBecause: Record<ReviewDenial, string> = {
  OWN_WORK: 'it is your own work',
  SAME_SCHOOL: 'you and the teacher are now at the same school, and colleagues never review each other’s work',
  SAME_DISTRICT: 'you and the teacher are now in the same district, which this issuer does not allow',
  SAME_EMAIL_DOMAIN: 'your email address and the teacher’s are now on the same district domain, which this issuer does not allow',
  NOT_REVIEWER: 'you no longer review for this issuer',
  NOT_QUALIFIED: 'you are no longer qualified to review this micro-credential',
  NOT_CALIBRATED: 'you need to pass the calibration exercise for this micro-credential first',
  ALREADY_SCORED: 'you have already scored this submission, and it needs an independent reviewer',
  ASKED_FOR_SECOND_LOOK: 'you asked for this second look, so someone independent of the request reviews it',
};
