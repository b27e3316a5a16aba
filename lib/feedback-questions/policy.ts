import type { AttemptStatus } from '@/lib/generated/prisma/enums';

export const NOT_RETURNED = 'You can ask about feedback only on an attempt that was returned for revision.';
export const ALREADY_ASKED = 'You have already asked about this feedback. You can ask again once the issuer has replied.';

/**
 * Why the attempt's teacher cannot ask about its feedback now, or null if they can. Only a returned
 * attempt (the only decision a teacher would dispute: a passed one earned the badge), and one open
 * question at a time, so the issuer answers before the next one.
 */
export function askRefusal(attempt: { status: AttemptStatus }, questions: { answeredAt: Date | null }[]): string | null {
  if (attempt.status !== 'RETURNED') return NOT_RETURNED;
  if (questions.some((q) => !q.answeredAt)) return ALREADY_ASKED;
  return null;
}
