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
