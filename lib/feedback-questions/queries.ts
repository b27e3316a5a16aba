import 'server-only';
import { db } from '@/lib/db';
import { isPlatformAdmin, orgIdsWithRole, type Actor } from '@/lib/auth/actor';

/**
 * Teachers' questions about feedback still waiting for a reply, across the issuers the actor
 * administers (every issuer for a platform admin), and the oldest one, to open first. Not the
 * actor's own questions about their own application: another admin replies to those
 * (answerFeedbackQuestion), and they stay in the other admins' count.
 */
export async function countUnansweredFeedbackQuestions(actor: Actor) {
  const issuer = isPlatformAdmin(actor) ? {} : { issuerId: { in: orgIdsWithRole(actor, 'ISSUER_ADMIN') } };
  const where = { answeredAt: null, userId: { not: actor.id }, attempt: { submission: { microCredential: issuer } } };
  const [count, oldest] = await Promise.all([
    db.feedbackQuestion.count({ where }),
    db.feedbackQuestion.findFirst({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true, attempt: { select: { submissionId: true } } } }),
  ]);
  return { count, oldest: oldest ? { questionId: oldest.id, submissionId: oldest.attempt.submissionId } : null };
}
