import type { AttemptStatus } from '@/lib/generated/prisma/enums';

export const NOT_RETURNED = 'You can ask about feedback only on an attempt that was returned for revision.';
export const ALREADY_ASKED = 'You have already asked about this feedback. You can ask again once the issuer has replied.';
export const NOT_LATEST = 'You can ask about the feedback on your latest decided attempt only: this one has been followed by another.';

export const EARLIER_STILL_OPEN = 'Your question about the earlier decision, which the second look replaced, is still waiting for a reply. You can ask about the new decision as soon as the issuer has replied to it.';

/**
 * Why the attempt's teacher cannot ask about its feedback now, or null if they can. Only a returned
 * attempt (the only decision a teacher would dispute: a passed one earned the badge), the latest one
 * sent (`latestDecidedNumber`: the number of the newest attempt that is not a draft), and one open
 * question at a time about its decision, so the issuer answers before the next one.
 *
 * After a second look (`secondLookRequestedAt`, on a returned attempt: it has been decided again),
 * questions asked before it was asked for are about the decision it set aside, so they do not count
 * as asking about the new one. The partial unique index "FeedbackQuestion_one_open" still allows one
 * unanswered question per attempt whatever it is about, so while an earlier one waits for a reply
 * the teacher is told exactly that (EARLIER_STILL_OPEN); lifting it needs a schema change (ADR 015).
 */
export function askRefusal(
  attempt: { status: AttemptStatus; number?: number; secondLookRequestedAt?: Date | null },
  questions: { answeredAt: Date | null; createdAt?: Date }[],
  latestDecidedNumber?: number,
): string | null {
  if (attempt.status !== 'RETURNED') return NOT_RETURNED;
  // Feedback on an attempt that a later one (sent, or decided) has superseded is settled.
  if (latestDecidedNumber !== undefined && attempt.number !== undefined && attempt.number < latestDecidedNumber) return NOT_LATEST;
  const open = questions.filter((q) => !q.answeredAt);
  const since = attempt.secondLookRequestedAt;
  if (!since) return open.length ? ALREADY_ASKED : null;
  if (open.some((q) => !q.createdAt || q.createdAt >= since)) return ALREADY_ASKED;
  return open.length ? EARLIER_STILL_OPEN : null;
}

/** Whether a question on this attempt was asked about the decision a second look set aside. */
export function aboutEarlierDecision(attempt: { secondLookRequestedAt?: Date | null }, question: { createdAt: Date }): boolean {
  return Boolean(attempt.secondLookRequestedAt && question.createdAt < attempt.secondLookRequestedAt);
}
