import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';

/**
 * The applications the actor is scoring right now under blind review: a claim on an attempt still
 * waiting for its decision (not one set aside for a second look). As on the application record,
 * who the teacher is stays hidden from them there, so it is hidden in the applications list and
 * the audit log too. (Its own module: the list and the audit log both read it, and the list's
 * module imports authoring queries that read the audit log.)
 */
export async function blindlyScoredSubmissionIds(actor: Actor): Promise<string[]> {
  const claims = await db.review.findMany({
    where: { reviewerId: actor.id, status: 'CLAIMED' },
    take: 500,
    select: { kind: true, attempt: { select: { submissionId: true, status: true, secondLookRequestedAt: true } } },
  });
  return [...new Set(claims.filter((c) => c.attempt.status === 'SUBMITTED' && (c.kind === 'SECOND_LOOK' || !c.attempt.secondLookRequestedAt)).map((c) => c.attempt.submissionId))];
}
