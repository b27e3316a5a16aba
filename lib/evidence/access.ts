import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { isIssuerAdmin } from '@/lib/auth/actor';
import { reviewsFor } from '@/lib/review/policy';

/**
 * Who may open a piece of evidence: its owner; a reviewer holding (or having submitted) a review
 * of that attempt, while they still review for its issuer; an admin of the issuing organisation
 * once the teacher has submitted it (a draft is the teacher's alone). Nobody else, whatever the URL.
 */
export async function canViewAttemptEvidence(actor: Actor, attempt: { id: string; ownerId: string; issuerId: string; status: string }): Promise<boolean> {
  if (attempt.ownerId === actor.id) return true;
  if (attempt.status !== 'DRAFT' && isIssuerAdmin(actor, attempt.issuerId)) return true;
  // A reviewer sees the evidence of work they hold or scored, while they review for its issuer.
  // A claim past its end but still CLAIMED counts: nobody has taken it (taking it marks it EXPIRED
  // first), and its reviewer may carry on with it (the claim timer says so; keepClaim re-checks
  // that they may still score before extending it).
  if (!reviewsFor(actor, attempt.issuerId)) return false;
  const review = await db.review.findFirst({
    where: { attemptId: attempt.id, reviewerId: actor.id, status: { in: ['CLAIMED', 'SUBMITTED'] } },
    select: { id: true },
  });
  return Boolean(review);
}
