'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { formDataToObject, parseInput, toActionError, zodFieldErrors, type ActionResult } from '@/lib/action-result';
import { isDomainError, type ErrorCode } from '@/lib/errors';
import { releaseReview, saveReviewDraft, submitReview, type ReviewOutcome } from '@/lib/review/mutations';
import { ReleaseReviewInput, SaveDraftInput, SubmitReviewInput } from '@/lib/review/schemas';
import { claimEndText, getClaimEnd, keepClaim } from '@/lib/review/claims';
import type { ReviewKind } from '@/lib/generated/prisma/enums';
import { reportEvidenceConcern } from '@/lib/evidence/concerns';
import { ReportConcernInput } from '@/lib/evidence/schemas';

/**
 * `conflict`: the claim ended or another tab saved. `stop`: saving again cannot succeed (also not
 * allowed, not found, or no longer in a state to score), so the form stops trying. `invalid`: these
 * scores are refused as they stand, so the form waits for the next change. None of them (a server
 * error, a session that ran out): the form tries again, backing off, as the teacher's answers do.
 */
export type DraftResult = { ok: true; version: number; savedAt: string; claimExpiresAt: string } | { ok: false; formError: string; conflict?: boolean; stop?: boolean; invalid?: boolean };

const FINAL_DRAFT_REFUSALS: ErrorCode[] = ['CONFLICT', 'INVALID_STATE', 'NOT_FOUND', 'FORBIDDEN'];

export async function saveReviewDraftAction(input: z.input<typeof SaveDraftInput>): Promise<DraftResult> {
  const parsed = SaveDraftInput.safeParse(input);
  if (!parsed.success) return { ok: false, formError: parsed.error.issues[0]?.message ?? 'The draft could not be saved.', stop: false, invalid: true };
  try {
    const actor = await requireActor();
    const r = await saveReviewDraft({ actor, ...parsed.data });
    return { ok: true, version: r.version, savedAt: r.savedAt.toISOString(), claimExpiresAt: r.claimExpiresAt.toISOString() };
  } catch (e) {
    const result = toActionError(e);
    return {
      ok: false,
      formError: (!result.ok && result.formError) || 'Not saved.',
      conflict: isDomainError(e) && e.code === 'CONFLICT',
      stop: isDomainError(e) && FINAL_DRAFT_REFUSALS.includes(e.code),
      invalid: isDomainError(e) && e.code === 'VALIDATION',
    };
  }
}

export type SubmitReviewResult =
  // `awardQueued`: a pass whose badge could not be issued at once and was left to the job queue.
  | { ok: true; outcome: ReviewOutcome; decision: 'PASS' | 'REVISE'; awardQueued?: boolean }
  | { ok: false; formError?: string; fieldErrors?: Record<string, string[]>; conflict?: boolean };

/** The decision is computed by the domain from the scores; nothing the client says about it is read. */
export async function submitReviewAction(input: z.input<typeof SubmitReviewInput>): Promise<SubmitReviewResult> {
  const parsed = SubmitReviewInput.safeParse(input);
  if (!parsed.success) return { ok: false, formError: 'Some fields need attention.', fieldErrors: zodFieldErrors(parsed.error) };
  try {
    const actor = await requireActor();
    const r = await submitReview({ actor, ...parsed.data });
    revalidatePath('/review');
    revalidatePath(`/review/${parsed.data.reviewId}`);
    return { ok: true, outcome: r.outcome, decision: r.decision, ...(r.awardQueued ? { awardQueued: true } : {}) };
  } catch (e) {
    const result = toActionError(e);
    if (result.ok) return { ok: false, formError: 'Not submitted.' };
    return { ...result, conflict: isDomainError(e) && e.code === 'CONFLICT' };
  }
}

/** "Release and discard my draft": back to the queue, or a refusal shown beside the button (ReleaseClaimForm). */
export async function releaseReviewAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = ReleaseReviewInput.safeParse(formDataToObject(formData));
  if (!parsed.success) return { ok: false, formError: 'That review could not be found. Reload the page and try again.' };
  try {
    const actor = await requireActor();
    await releaseReview({ actor, reviewId: parsed.data.reviewId });
  } catch (e) {
    const result = toActionError(e);
    return { ok: false, formError: (!result.ok && result.formError) || 'Your claim was not released. Try again.' };
  }
  revalidatePath('/review');
  redirect('/review?released=1');
}

export type KeepClaimResult =
  | { ok: true; claimExpiresAt: string }
  // `claimAgain`: the claim ran out and nobody has taken the work, so the reviewer can claim it again with their draft.
  | { ok: false; formError: string; claimAgain?: { attemptId: string; kind: ReviewKind } };

/** "Keep my claim": extends the claim without saving anything (the page warns before it runs out). */
export async function keepClaimAction(input: unknown): Promise<KeepClaimResult> {
  const parsed = ReleaseReviewInput.safeParse(input);
  if (!parsed.success) return { ok: false, formError: 'That review could not be found.' };
  try {
    const actor = await requireActor();
    try {
      const r = await keepClaim({ actor, reviewId: parsed.data.reviewId });
      return { ok: true, claimExpiresAt: r.claimExpiresAt.toISOString() };
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'CONFLICT') throw e;
      // The timer offers the way back itself, so its message need not say "reload".
      const end = await getClaimEnd({ actor, reviewId: parsed.data.reviewId });
      if (!end?.canClaimAgain) return { ok: false, formError: e.message };
      return { ok: false, formError: claimEndText(end), claimAgain: { attemptId: end.attemptId, kind: end.kind } };
    }
  } catch (e) {
    const result = toActionError(e);
    return { ok: false, formError: (!result.ok && result.formError) || 'The claim could not be extended.' };
  }
}

/**
 * The reviewer reports a concern about the evidence of the attempt they review (authorized against
 * the review in reportEvidenceConcern: only its own reviewer, while they may see the evidence).
 */
export async function reportConcernAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(ReportConcernInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let submissionId: string;
  try {
    const actor = await requireActor();
    ({ submissionId } = await reportEvidenceConcern({ actor, ...parsed.data }));
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath(`/review/${parsed.data.reviewId}`);
  revalidatePath(`/admin/submissions/${submissionId}`);
  return { ok: true, message: 'Concern reported. The issuer’s admins have been told and will decide what to do; they can remove the file. Carry on with your review meanwhile, or release it if you cannot.' };
}
