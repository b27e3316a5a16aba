import 'server-only';
import { db } from '@/lib/db';
import { isPlatformAdmin, orgIdsWithRole, type Actor } from '@/lib/auth/actor';
import { conflictOfInterest, teacherConflictSelect, teacherRef } from '@/lib/review/policy';

/** How many open questions the count reads at most (one per decision: a backlog this long is rare). */
const OPEN_QUESTIONS_READ = 500;

/**
 * Teachers' questions about feedback still waiting for a reply, across the issuers the actor
 * administers, split as answerFeedbackQuestion and the application record decide who may reply:
 * `count`, those this admin may answer, with the oldest of them to open first; `others`, those
 * another admin answers (the admin's own question, or a teacher the issuer's conflict rules keep
 * them from: conflictOfInterest). Unanswered questions only: one open per decision
 * ("FeedbackQuestion_one_open", a partial index on the open ones).
 */
export async function countUnansweredFeedbackQuestions(actor: Actor) {
  const issuer = isPlatformAdmin(actor) ? {} : { issuerId: { in: orgIdsWithRole(actor, 'ISSUER_ADMIN') } };
  const open = await db.feedbackQuestion.findMany({
    where: { answeredAt: null, attempt: { submission: { microCredential: issuer } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    // A bound for the home page; a backlog beyond it is counted from the oldest 500.
    take: OPEN_QUESTIONS_READ,
    select: {
      id: true,
      attempt: {
        select: {
          submissionId: true,
          submission: { select: { user: { select: teacherConflictSelect }, microCredential: { select: { issuer: { select: { blockSameDistrict: true } } } } } },
        },
      },
    },
  });
  const now = new Date();
  const answerable = open.filter((q) => conflictOfInterest(actor, teacherRef(q.attempt.submission.user), q.attempt.submission.microCredential.issuer, now) === null);
  const oldest = answerable[0];
  return {
    count: answerable.length,
    others: open.length - answerable.length,
    oldest: oldest ? { questionId: oldest.id, submissionId: oldest.attempt.submissionId } : null,
  };
}
