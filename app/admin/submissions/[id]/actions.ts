'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/auth/session';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';
import { answerFeedbackQuestion } from '@/lib/feedback-questions/mutations';
import { AnswerFeedbackQuestionInput } from '@/lib/feedback-questions/schemas';
import { requestSecondLook, withdrawSecondLook } from '@/lib/review/second-look';
import { RequestSecondLookInput, WithdrawSecondLookInput } from '@/lib/review/schemas';
import { closeEvidenceConcern, REMOVAL_STORAGE_LATER, removeEvidenceFile } from '@/lib/evidence/concerns';
import { CloseConcernInput, RemoveEvidenceFileInput } from '@/lib/evidence/schemas';

/** An issuer admin's reply to a teacher's question about feedback (authorized against the question's issuer). */
export async function answerFeedbackQuestionAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(AnswerFeedbackQuestionInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let submissionId: string;
  try {
    const actor = await requireActor();
    ({ submissionId } = await answerFeedbackQuestion({ actor, questionId: parsed.data.questionId, answer: parsed.data.answer }));
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath(`/admin/submissions/${submissionId}`);
  revalidatePath('/admin');
  return { ok: true, message: 'Reply sent. The teacher has been notified and reads it under the feedback on their application.' };
}

/**
 * An issuer admin asks for a second look at a returned attempt (authorized against the attempt's
 * issuer in requestSecondLook; the form's attempt version guards against a double request).
 */
export async function requestSecondLookAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(RequestSecondLookInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let submissionId: string;
  try {
    const actor = await requireActor();
    ({ submissionId } = await requestSecondLook({ actor, ...parsed.data }));
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath(`/admin/submissions/${submissionId}`);
  revalidatePath('/admin');
  revalidatePath('/review');
  return { ok: true, message: 'Second look asked for. The attempt is back in the review queue for an independent reviewer, the reviewers who may take it have been told, and so has the teacher (without your reason).' };
}

/**
 * An issuer admin withdraws a second look nobody has taken (authorized against the attempt's issuer
 * in withdrawSecondLook; the form's attempt version guards against a stale page).
 */
export async function withdrawSecondLookAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(WithdrawSecondLookInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let submissionId: string;
  try {
    const actor = await requireActor();
    ({ submissionId } = await withdrawSecondLook({ actor, ...parsed.data }));
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath(`/admin/submissions/${submissionId}`);
  revalidatePath('/admin');
  revalidatePath('/review');
  return { ok: true, message: 'Second look withdrawn. The earlier decision stands, and the teacher has been told they can revise.' };
}

/**
 * An issuer admin removes a file a reviewer's concern is about (authorized against the file's issuer
 * in removeEvidenceFile, which also refuses an admin with a conflict of interest). The object is
 * deleted from storage; if storage does not answer, the removal stands and a queued job deletes it.
 */
export async function removeEvidenceFileAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(RemoveEvidenceFileInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let submissionId: string;
  let storageDeleted: boolean;
  try {
    const actor = await requireActor();
    ({ submissionId, storageDeleted } = await removeEvidenceFile({ actor, ...parsed.data }));
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath(`/admin/submissions/${submissionId}`);
  revalidatePath('/review');
  return {
    ok: true,
    message: storageDeleted
      ? 'File removed. It is deleted from storage, the concern is closed, and the teacher has been told why and that they can upload a replacement when they revise.'
      : `File removed. The concern is closed, and the teacher has been told why and that they can upload a replacement when they revise. ${REMOVAL_STORAGE_LATER}`,
  };
}

/** An issuer admin closes a reviewer's concern without removing anything, with a note for the record. */
export async function closeEvidenceConcernAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(CloseConcernInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let submissionId: string;
  try {
    const actor = await requireActor();
    ({ submissionId } = await closeEvidenceConcern({ actor, ...parsed.data }));
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath(`/admin/submissions/${submissionId}`);
  return { ok: true, message: 'Concern closed without removing anything. Your note is kept on this page.' };
}
