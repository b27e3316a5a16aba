import type { AttemptStatus, ReviewKind } from '@/lib/generated/prisma/enums';

/**
 * What became of the attempt a reviewer's submitted review is about, said in the notice that takes
 * focus after Submit (and on any later visit, so it is worded to stay true while the attempt
 * waits). Null when the page says it elsewhere (a decision set aside for a second look).
 */
export function submittedOutcomeText(opts: { kind: ReviewKind; attemptStatus: AttemptStatus; setAside: boolean; awardPending?: boolean }): string | null {
  if (opts.setAside) return null;
  // Issuing the badge failed right after the decision and was left to the job queue.
  if (opts.attemptStatus === 'PASSED' && opts.awardPending) return 'The attempt meets the standard. Its badge will be issued shortly, and the teacher notified when it is.';
  if (opts.attemptStatus === 'PASSED') return 'The attempt meets the standard: the credential was awarded and the teacher notified.';
  if (opts.attemptStatus === 'RETURNED') return 'The attempt was returned to the teacher for revision, with the feedback.';
  if (opts.attemptStatus !== 'SUBMITTED') return null;
  // Still undecided after a first review: it is scored twice. After a second one: the two disagree.
  if (opts.kind === 'PRIMARY') return 'This submission is scored twice: the decision waits for a second, independent review, and for an issuer admin if the two lead to different outcomes.';
  if (opts.kind === 'SECOND') return 'Your scores and the first reviewer’s lead to different outcomes, so an issuer admin will adjudicate.';
  return null;
}
