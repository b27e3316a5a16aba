import 'server-only';
import { db } from '@/lib/db';
import { conflict, forbidden, invalidState, isUniqueViolation, notFound, rateLimited } from '@/lib/errors';
import { hitRateLimit } from '@/lib/rate-limit';
import { isIssuerAdmin, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/log';
import { notify, notifyIssuerAdmins } from '@/lib/notifications/notify';
import { ALREADY_ASKED, answerRefusal, askRefusal } from '@/lib/feedback-questions/policy';
import { conflictOfInterest, teacherConflictSelect, teacherRef } from '@/lib/review/policy';

/** Questions a teacher may ask a day (each one tells the issuer's admins). */
export const QUESTIONS_PER_DAY = 5;

export const ALREADY_ANSWERED = 'This question has already been answered. Reload the page to see the reply.';

/**
 * The teacher asks the issuer about the feedback on one of their returned attempts (a criterion they
 * think was misread, a comment they do not understand). Only the attempt's teacher may ask; anyone
 * else's attempt looks missing. One open question per decision: a double submit, or a second tab,
 * is refused (also by the partial unique index "FeedbackQuestion_one_open"). After a second look,
 * the question is about its decision (`aboutSecondLook`), whatever is still open about the earlier one. The issuer's admins are
 * told; reviewers never see the question, blind review or not.
 */
export async function askAboutFeedback(opts: { actor: Actor; attemptId: string; body: string; now?: Date }) {
  const now = opts.now ?? new Date();
  const attempt = await db.attempt.findUnique({
    where: { id: opts.attemptId },
    select: {
      id: true, number: true, status: true, secondLookRequestedAt: true,
      submission: {
        select: {
          id: true, userId: true, user: { select: teacherConflictSelect }, version: { select: { title: true } },
          microCredential: { select: { issuerId: true, issuer: { select: { blockSameDistrict: true } } } },
          attempts: { where: { status: { not: 'DRAFT' } }, orderBy: { number: 'desc' }, take: 1, select: { number: true } },
        },
      },
      feedbackQuestions: { where: { answeredAt: null }, select: { answeredAt: true, aboutSecondLook: true } },
    },
  });
  if (!attempt || attempt.submission.userId !== opts.actor.id) throw notFound('That attempt');
  const refusal = askRefusal(attempt, attempt.feedbackQuestions, attempt.submission.attempts[0]?.number);
  if (refusal) throw refusal === ALREADY_ASKED ? conflict(refusal) : invalidState(refusal);
  // Each question emails the issuer's admins: a few a day per teacher is plenty.
  const limit = await hitRateLimit(`feedback-question:user:${opts.actor.id}`, QUESTIONS_PER_DAY, 24 * 60 * 60);
  if (!limit.allowed) throw rateLimited('You have asked several questions today. Try again tomorrow.');
  const { submission } = attempt;
  const issuerId = submission.microCredential.issuerId;
  try {
    return await db.$transaction(async (tx) => {
      const q = await tx.feedbackQuestion.create({ data: { attemptId: attempt.id, userId: opts.actor.id, body: opts.body, createdAt: now, aboutSecondLook: attempt.secondLookRequestedAt !== null }, select: { id: true } });
      await recordAudit(
        { actorId: opts.actor.id, action: 'feedback.ask', entityType: 'Submission', entityId: submission.id, organizationId: issuerId, data: { questionId: q.id, attemptId: attempt.id, number: attempt.number } },
        tx,
      );
      await notifyIssuerAdmins(tx, issuerId, {
        kind: 'feedback.question',
        // Not named: an admin may be scoring the teacher's revision under blind review.
        title: `A teacher asks about the feedback on “${submission.version.title}”`,
        // The question itself stays in the app: teachers may name students, and email is less private.
        body: `A question about attempt ${attempt.number}. Read it and reply on the application record.`,
        href: `/admin/submissions/${submission.id}#question-${q.id}`,
      }, {
        // Only the admins who may answer it (answerRefusal): not the teacher themselves when they
        // are an admin of the issuer, nor a colleague with a conflict of interest.
        teacher: teacherRef(submission.user), rules: submission.microCredential.issuer, actorId: opts.actor.id,
      });
      return { questionId: q.id, submissionId: submission.id };
    });
  } catch (e) {
    // Two clicks or two tabs at once: the partial unique index lets one win.
    if (isUniqueViolation(e)) throw conflict(ALREADY_ASKED);
    throw e;
  }
}


/**
 * An admin of the credential's issuer replies to a teacher's question; the teacher is told and reads
 * the reply under the feedback on their application. Answered once: a second reply (two admins, two
 * tabs) is refused rather than overwriting the first. Not by an admin with a conflict of interest
 * with the teacher (answerRefusal): an admin who applied themselves does not answer their own
 * question about their own feedback; it waits for another admin of the issuer.
 */
export async function answerFeedbackQuestion(opts: { actor: Actor; questionId: string; answer: string; now?: Date }) {
  const now = opts.now ?? new Date();
  const q = await db.feedbackQuestion.findUnique({
    where: { id: opts.questionId },
    select: {
      id: true, userId: true, answeredAt: true,
      attempt: {
        select: {
          id: true, number: true,
          submission: {
            select: {
              id: true, cycle: true, version: { select: { title: true } }, user: { select: teacherConflictSelect },
              microCredential: { select: { slug: true, issuerId: true, issuer: { select: { blockSameDistrict: true } } } },
            },
          },
        },
      },
    },
  });
  // Another issuer's question looks exactly like a missing one.
  if (!q || !isIssuerAdmin(opts.actor, q.attempt.submission.microCredential.issuerId)) throw notFound('That question');
  const { submission } = q.attempt;
  const tie = q.userId === opts.actor.id ? 'OWN_WORK' : conflictOfInterest(opts.actor, teacherRef(submission.user), submission.microCredential.issuer, now);
  if (tie) throw forbidden(answerRefusal(tie));
  if (q.answeredAt) throw conflict(ALREADY_ANSWERED);
  await db.$transaction(async (tx) => {
    const u = await tx.feedbackQuestion.updateMany({ where: { id: q.id, answeredAt: null }, data: { answer: opts.answer, answeredById: opts.actor.id, answeredAt: now } });
    if (u.count !== 1) throw conflict(ALREADY_ANSWERED);
    await recordAudit(
      { actorId: opts.actor.id, action: 'feedback.answer', entityType: 'Submission', entityId: submission.id, organizationId: submission.microCredential.issuerId, data: { questionId: q.id, attemptId: q.attempt.id, number: q.attempt.number } },
      tx,
    );
    await notify(
      {
        userId: q.userId, kind: 'feedback.answer',
        title: `Your question about the feedback on “${submission.version.title}” has a reply`,
        body: 'Read it under the reviewer feedback on your application.',
        // The application the question was asked on, by number: after a renewal, /apply/{slug}
        // alone shows the new one, where the question is not.
        href: `/apply/${submission.microCredential.slug}?cycle=${submission.cycle}#question-${q.id}`,
      },
      tx,
    );
  });
  return { questionId: q.id, submissionId: submission.id };
}
