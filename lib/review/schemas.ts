import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { SECOND_LOOK_REASON_MAX } from '@/lib/review/second-look-rules';


const id = str().min(1).max(40);

export const ReviewKindInput = z.enum(['PRIMARY', 'SECOND', 'ADJUDICATION', 'SECOND_LOOK']);

export const QueueFilterInput = z.object({
  kind: z.enum(['PRIMARY', 'SECOND', 'SECOND_LOOK']).catch('PRIMARY'),
  microCredentialId: id.optional().catch(undefined),
  olderThanDays: z.coerce.number().int().min(0).max(365).optional().catch(undefined),
  cursor: str().max(200).optional().catch(undefined),
});

export const ClaimReviewInput = z.object({ attemptId: id, kind: ReviewKindInput.default('PRIMARY') });

export const ReleaseReviewInput = z.object({ reviewId: id });

/** The longest feedback on one criterion: a score's, or a draft's note on a criterion with no level yet. */
export const CRITERION_FEEDBACK_MAX = 5000;
export const CRITERION_FEEDBACK_TOO_LONG = 'Use at most 5,000 characters of feedback per criterion.';

export const ScoreInput = z.object({
  criterionId: id,
  levelId: id.nullable().optional(),
  feedback: str().max(CRITERION_FEEDBACK_MAX, CRITERION_FEEDBACK_TOO_LONG).default(''),
});

export const SaveDraftInput = z.object({
  reviewId: id,
  // The review version this form last saw; a stale one means another tab saved in between.
  version: z.coerce.number().int().min(0),
  scores: z.array(ScoreInput).max(50),
  overallComment: str().max(10_000, 'Use at most 10,000 characters.').default(''),
});

export const SubmitReviewInput = SaveDraftInput.extend({
  // The attempt version the form was loaded with: if anyone decided the attempt since, it changed.
  attemptVersion: z.coerce.number().int().min(0),
});

export const AssignReviewInput = z.object({
  attemptId: id,
  reviewerId: str().min(1, 'Choose a reviewer.').max(40, 'Choose a reviewer.'),
  kind: ReviewKindInput.default('PRIMARY'),
  // The ticked "Release {name}'s claim" box: the id of the live claim the admin agreed to end.
  // Assigning over someone's live claim is refused without it (assignReview).
  releaseReviewId: id.optional(),
});

export const CalibrationInput = z.object({
  microCredentialId: id,
  // The rubric version the form was shown with (the ranks below are by its criterion positions).
  versionId: id.optional(),
  // exemplarId -> criterion index -> rank
  ranks: z.record(id, z.record(str().regex(/^\d{1,3}$/), z.coerce.number().int().min(0).max(20))),
});

export const QualityFilterInput = z.object({
  microCredentialId: id.optional().catch(undefined),
  period: z.enum(['30', '90', '180', '365']).catch('90'),
  // The scoring patterns (per reviewer and per criterion) look further back by default: a year gives
  // most reviewers enough reviews to compare.
  scoringPeriod: z.enum(['30', '90', '180', '365']).catch('365'),
});

export const GrantQualificationInput = z.object({
  microCredentialId: id,
  email: str()
    .trim()
    .toLowerCase()
    // Said once for an empty box, instead of every rule it breaks.
    .min(1, { error: 'Enter the reviewer’s email address.', abort: true })
    .max(254, 'That email address is too long.')
    .email('Enter a valid email address, like name@school.org.'),
});

export const HistoryFilterInput = z.object({ cursor: str().max(200).optional().catch(undefined) });

/**
 * An issuer admin asks for a second look at a returned attempt. `version`: the attempt's version the
 * page was loaded with (a double click or a second admin finds it changed). The reason is plain text
 * for the issuer's own records (the application record, the audit log): line breaks kept, other
 * control characters dropped; the teacher never reads it.
 */
export const RequestSecondLookInput = z.object({
  attemptId: id,
  version: z.coerce.number().int().min(0),
  reason: str()
    .transform((v) => v.replace(/\r\n?/g, '\n').replace(/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim())
    .pipe(z.string().min(1, 'Say why the decision should be looked at again.').max(SECOND_LOOK_REASON_MAX, `Use at most ${SECOND_LOOK_REASON_MAX.toLocaleString('en-GB')} characters.`)),
});

/** An issuer admin withdraws a second look nobody has taken yet; `version`: the attempt's, as the page was loaded. */
export const WithdrawSecondLookInput = z.object({
  attemptId: id,
  version: z.coerce.number().int().min(0),
});
