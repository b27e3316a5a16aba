import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { conflict, notFound } from '@/lib/errors';
import { claimEndAfterActivity, reviewsFor } from '@/lib/review/policy';

// Keeping a claim alive without changing anything (WCAG 2.2.1: a reviewer reading evidence or
// watching a lesson video is warned before the claim runs out and can extend it). Autosave extends
// a claim too (saveReviewDraft); this is for when nothing was typed.

export const CLAIM_GONE = 'Your claim has ended (it expired and another reviewer took this submission, or an admin reassigned it). Your scores and feedback are still on this page.';

/**
 * Extends the actor's live claim to at least `claimMinutes` from now (never shortens an admin's
 * assignment). A claim still CLAIMED has not been taken by anyone: taking it marks it EXPIRED first.
 * The review's version is left alone, so the scoring form's autosave is not disturbed.
 */
export async function keepClaim(opts: { actor: Actor; reviewId: string; now?: Date }): Promise<{ claimExpiresAt: Date }> {
  const now = opts.now ?? new Date();
  const r = await db.review.findUnique({
    where: { id: opts.reviewId },
    select: { reviewerId: true, status: true, claimExpiresAt: true, attempt: { select: { submission: { select: { microCredential: { select: { issuerId: true, issuer: { select: { claimMinutes: true } } } } } } } } },
  });
  if (!r || r.reviewerId !== opts.actor.id || !reviewsFor(opts.actor, r.attempt.submission.microCredential.issuerId)) throw notFound('That review');
  if (r.status !== 'CLAIMED') throw conflict(CLAIM_GONE);
  const until = claimEndAfterActivity(r.claimExpiresAt, now, r.attempt.submission.microCredential.issuer.claimMinutes);
  const u = await db.review.updateMany({ where: { id: opts.reviewId, reviewerId: opts.actor.id, status: 'CLAIMED', claimExpiresAt: r.claimExpiresAt }, data: { claimExpiresAt: until } });
  if (u.count !== 1) {
    // Changed meanwhile (an autosave extended it, or the claim ended): answer with what is there now.
    const now2 = await db.review.findUnique({ where: { id: opts.reviewId }, select: { status: true, claimExpiresAt: true } });
    if (now2?.status !== 'CLAIMED') throw conflict(CLAIM_GONE);
    return { claimExpiresAt: now2.claimExpiresAt };
  }
  return { claimExpiresAt: until };
}
