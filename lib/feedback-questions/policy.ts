import type { AttemptStatus } from '@/lib/generated/prisma/enums';

export const NOT_RETURNED = 'You can ask about feedback only on an attempt that was returned for revision.';
export const ALREADY_ASKED = 'You have already asked about this feedback. You can ask again once the issuer has replied.';
export const NOT_LATEST = 'You can ask about the feedback on your latest decided attempt only: this one has been followed by another.';

/**
 * Why the attempt's teacher cannot ask about its feedback now, or null if they can. Only a returned
 * attempt (the only decision a teacher would dispute: a passed one earned the badge), the latest one
 * sent (`latestDecidedNumber`: the number of the newest attempt that is not a draft), and one open
 * question at a time, so the issuer answers before the next one.
 */
export function askRefusal(attempt: { status: AttemptStatus; number?: number }, questions: { answeredAt: Date | null }[], latestDecidedNumber?: number): string | null {
  if (attempt.status !== 'RETURNED') return NOT_RETURNED;
  // Feedback on an attempt that a later one (sent, or decided) has superseded is settled.
  if (latestDecidedNumber !== undefined && attempt.number !== undefined && attempt.number < latestDecidedNumber) return NOT_LATEST;
  if (questions.some((q) => !q.answeredAt)) return ALREADY_ASKED;
  return null;
}
