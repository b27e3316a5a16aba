import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { isIssuerAdmin } from '@/lib/auth/actor';
import { loadAttemptForReview, reviewDenial } from '@/lib/review/context';
import { conflictOfInterest, reviewsFor, teacherConflictSelect, teacherRef } from '@/lib/review/policy';

/**
 * Who may open a piece of evidence: its owner; a reviewer holding a review of that attempt (while
 * they may still score it) or having submitted one, while they still review for its issuer; an
 * admin of the issuing organisation once the teacher has submitted it (a draft is the teacher's
 * alone), unless the issuer's conflict rules keep them from the teacher's work (a colleague at their
 * school, a district the issuer keeps apart: conflictOfInterest). Nobody else, whatever the URL.
 */
export async function canViewAttemptEvidence(actor: Actor, attempt: { id: string; ownerId: string; issuerId: string; status: string }): Promise<boolean> {
  if (attempt.ownerId === actor.id) return true;
  if (attempt.status !== 'DRAFT' && isIssuerAdmin(actor, attempt.issuerId) && !(await adminConflictWith(actor, attempt.id))) return true;
  // A reviewer sees the evidence of work they hold or scored, while they review for its issuer.
  // A claim past its end but still CLAIMED counts: nobody has taken it (taking it marks it EXPIRED
  // first), and its reviewer may carry on with it (the claim timer says so; keepClaim re-checks
  // that they may still score before extending it).
  if (!reviewsFor(actor, attempt.issuerId)) return false;
  const reviews = await db.review.findMany({
    where: { attemptId: attempt.id, reviewerId: actor.id, status: { in: ['CLAIMED', 'SUBMITTED'] } },
    select: { kind: true, status: true },
  });
  if (reviews.some((r) => r.status === 'SUBMITTED')) return true;
  if (!reviews.length) return false;
  // A claim opens the evidence only while its reviewer may still score the work: not once their
  // qualifying badge is revoked or a conflict of interest appeared, though nothing has ended the
  // claim yet (their next visit to the review page or autosave does). The scoring check itself
  // (reviewDenial), once per file opened and only for work still claimed: the attempt as scoring
  // reads it and the reviewer's qualification, about 7 ms more against a local database.
  const a = await loadAttemptForReview(attempt.id);
  if (!a) return false;
  for (const r of reviews) if (!(await reviewDenial(actor, a, r.kind))) return true;
  return false;
}

/**
 * Whether an admin of the issuer has a conflict of interest with the teacher of this attempt: such
 * an admin decides nothing about the work (no reviewer chosen, no second look, no ruling on
 * concerns, no reply to the teacher's questions), so reads none of it either. "A reviewer never
 * scores their own or a colleague's work": a colleague holding the issuer's admin role is no
 * exception. Their own work is the owner's case, answered before this.
 */
async function adminConflictWith(actor: Actor, attemptId: string): Promise<boolean> {
  const row = await db.attempt.findUnique({
    where: { id: attemptId },
    select: { submission: { select: { user: { select: teacherConflictSelect }, microCredential: { select: { issuer: { select: { blockSameDistrict: true } } } } } } },
  });
  // Gone meanwhile: nothing to show.
  if (!row) return true;
  return conflictOfInterest(actor, teacherRef(row.submission.user), row.submission.microCredential.issuer) !== null;
}
