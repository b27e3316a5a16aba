// A "second look": an issuer admin sets a returned decision aside so that one independent reviewer
// scores the attempt again, and that reviewer's decision is final for it. The pure rules of when it
// may be asked for (the admin's form and requestSecondLook share them). Safe on the client.
import type { AttemptStatus, PublishStatus } from '@/lib/generated/prisma/enums';
import type { ReviewDenial } from '@/lib/review/policy';
import { conflictTie } from '@/lib/review/conflict-words';

export const SECOND_LOOK_REASON_MAX = 1000;

export const SECOND_LOOK_ALREADY = 'A second look has already been asked for on this attempt (each attempt gets at most one). Reload the page to see it.';
export const SECOND_LOOK_NOT_RETURNED = 'A second look can be asked for only on an attempt that was returned for revision.';
export const SECOND_LOOK_REVISION_STARTED = 'The teacher has already started a revision of this attempt, so its decision can no longer be set aside. Their new attempt will be reviewed when they submit it.';
export const SECOND_LOOK_NOT_PUBLISHED = 'This micro-credential has never been published, so no badge could be issued from a second look.';
export const SECOND_LOOK_CHANGED = 'This attempt changed since the page was loaded. Reload the page and try again.';
export const SECOND_LOOK_NOBODY = 'Nobody can take this second look: every reviewer qualified for this micro-credential has scored this attempt, has a conflict of interest with the teacher, still has to calibrate, or is you. Qualify another reviewer for this micro-credential, then ask again. The decision stands meanwhile.';
export const SECOND_LOOK_OWN_CONFLICT = 'You cannot ask for a second look at this teacher’s work: this issuer’s conflict-of-interest rules would stop you from reviewing it, so ask another admin of the issuer to decide.';
export const WITHDRAW_NOT_PENDING = 'There is no second look waiting on this attempt to withdraw. Reload the page to see where it stands.';
export const WITHDRAW_TAKEN = 'A reviewer has taken this second look (or already decided it), so it can no longer be withdrawn. Their decision will be final for this attempt.';

/**
 * Why a second look cannot be asked for on this attempt now, or null if it can:
 * - at most once per attempt (the stored request refuses a second one, pending or done);
 * - only a returned attempt (a passed one earned the badge; one still in review has no decision);
 * - only the latest attempt, before the teacher starts a revision (`latestNumber`: the highest
 *   attempt number of the application, drafts included): after that the revision is what counts;
 * - only while a pass could still issue the badge. A retired credential still issues badges to
 *   teachers already working on it (lib/enrollment/workable.ts keeps their applications open and
 *   issueAwardForSubmission does not look at the credential's status), so retiring does not stop
 *   it; a credential that was never published has no badge to issue.
 */
export function secondLookRefusal(
  attempt: { status: AttemptStatus; number: number; secondLookRequestedAt: Date | null },
  latestNumber: number,
  credentialStatus: PublishStatus,
): string | null {
  if (attempt.secondLookRequestedAt) return SECOND_LOOK_ALREADY;
  if (attempt.status !== 'RETURNED') return SECOND_LOOK_NOT_RETURNED;
  if (attempt.number < latestNumber) return SECOND_LOOK_REVISION_STARTED;
  if (credentialStatus === 'DRAFT') return SECOND_LOOK_NOT_PUBLISHED;
  return null;
}

/**
 * What the application record says, in place of the second-look form (`ask`) or the withdraw button
 * (`withdraw`), to an issuer admin with a conflict of interest with the teacher (`conflict`, from
 * conflictOfInterest): requestSecondLook and withdrawSecondLook refuse them, so they are told why
 * before typing a reason, and who can decide instead.
 */
export function secondLookConflictNotice(conflict: ReviewDenial, action: 'ask' | 'withdraw'): string {
  const own = conflict === 'OWN_WORK';
  if (action === 'ask') {
    return own
      ? 'This is your own application, so you cannot ask for a second look at it. Another admin of the issuer can ask for one.'
      : `You cannot ask for a second look at this teacher’s work: this issuer’s conflict-of-interest rules would stop you from reviewing it yourself (${conflictTie(conflict)}). Another admin of the issuer can ask for one.`;
  }
  return own
    ? 'This is your own application, so you cannot withdraw its second look. Another admin of the issuer can, while nobody has taken it.'
    : `You cannot withdraw this second look: this issuer’s conflict-of-interest rules would stop you from reviewing this teacher’s work yourself (${conflictTie(conflict)}). Another admin of the issuer can, while nobody has taken it.`;
}
