import type { AttemptStatus } from '@/lib/generated/prisma/enums';
import type { ReviewDenial } from '@/lib/review/policy';
import { conflictTie } from '@/lib/review/conflict-words';

export const NOT_RETURNED = 'You can ask about feedback only on an attempt that was returned for revision.';
export const ALREADY_ASKED = 'You have already asked about this feedback. You can ask again once the issuer has replied.';
export const NOT_LATEST = 'You can ask about the feedback on your latest decided attempt only: this one has been followed by another.';

/**
 * Why the attempt's teacher cannot ask about its feedback now, or null if they can. Only a returned
 * attempt (the only decision a teacher would dispute: a passed one earned the badge), the latest one
 * sent (`latestDecidedNumber`: the number of the newest attempt that is not a draft), and one open
 * question at a time about its decision, so the issuer answers before the next one.
 *
 * After a second look (`secondLookRequestedAt`, on a returned attempt: it has been decided again),
 * the decision on show is the second look's, and only questions about it (`aboutSecondLook`) count:
 * one still waiting about the decision it set aside does not stop the teacher asking about the new
 * one. The partial unique index "FeedbackQuestion_one_open" on (attemptId, aboutSecondLook) holds
 * the same rule under concurrency (ADR 015).
 */
export function askRefusal(
  attempt: { status: AttemptStatus; number?: number; secondLookRequestedAt?: Date | null },
  questions: { answeredAt: Date | null; aboutSecondLook: boolean }[],
  latestDecidedNumber?: number,
): string | null {
  if (attempt.status !== 'RETURNED') return NOT_RETURNED;
  // Feedback on an attempt that a later one (sent, or decided) has superseded is settled.
  if (latestDecidedNumber !== undefined && attempt.number !== undefined && attempt.number < latestDecidedNumber) return NOT_LATEST;
  return openAboutCurrentDecision(attempt, questions) ? ALREADY_ASKED : null;
}

/** Whether a question about the decision now on show (the second look's, after one) waits for a reply. */
export function openAboutCurrentDecision(attempt: { secondLookRequestedAt?: Date | null }, questions: { answeredAt: Date | null; aboutSecondLook: boolean }[]): boolean {
  const current = Boolean(attempt.secondLookRequestedAt);
  return questions.some((q) => !q.answeredAt && q.aboutSecondLook === current);
}

/** Whether a question on this attempt was asked about the decision a second look set aside. */
export function aboutEarlierDecision(attempt: { secondLookRequestedAt?: Date | null }, question: { aboutSecondLook: boolean }): boolean {
  return Boolean(attempt.secondLookRequestedAt) && !question.aboutSecondLook;
}

/**
 * Why an issuer admin may not reply to a question, given their conflict of interest with its teacher
 * (conflictOfInterest in lib/review/policy.ts): their own question about their own application, or
 * a colleague's the issuer's rules keep them from reviewing. The reply speaks for the issuer about a
 * decision, as a second look would, so it comes from another admin of the issuer.
 */
export function answerRefusal(conflict: ReviewDenial): string {
  return conflict === 'OWN_WORK'
    ? 'This is your own question, so you cannot reply to it. Another admin of the issuer replies to your question.'
    : `You cannot reply to this teacher’s question: this issuer’s conflict-of-interest rules would stop you from reviewing their work (${conflictTie(conflict)}). Another admin of the issuer replies to it.`;
}
