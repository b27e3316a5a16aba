'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { requireActor } from '@/lib/auth/session';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';
import { isDomainError, type ErrorCode } from '@/lib/errors';
import { saveResponse, startApplication, startRevision, submitAttempt } from '@/lib/submissions/mutations';
import { startRenewal } from '@/lib/submissions/renewal';
import { withdrawSentAttempt } from '@/lib/submissions/withdraw';
import { SaveResponseInput, StartRenewalInput, StartRevisionInput, SubmitAttemptInput } from '@/lib/submissions/schemas';
import { completeUpload, presignUploadParts, removeFile, requestUpload, type UploadTicket } from '@/lib/evidence/uploads';
import { CompleteUploadInput, FileIdInput, PresignPartsInput, RequestUploadInput } from '@/lib/evidence/schemas';
import { askAboutFeedback } from '@/lib/feedback-questions/mutations';
import { AskAboutFeedbackInput } from '@/lib/feedback-questions/schemas';
import { isCredentialSlug } from '@/lib/authoring/schemas';

/** Refreshes the application page the form was posted from; a forged `slug` refreshes nothing. */
function refreshApplication(slug: unknown) {
  if (isCredentialSlug(slug)) revalidatePath(`/apply/${slug}`);
}

export async function startApplicationAction(formData: FormData) {
  const parsed = z.object({ microCredentialId: str().min(1).max(40), slug: z.string().max(120) }).safeParse(formDataToObject(formData));
  if (!parsed.success) return;
  const actor = await requireActor();
  await startApplication({ actor, microCredentialId: parsed.data.microCredentialId });
  refreshApplication(parsed.data.slug);
  // The start button gives way to the application: the page says so where focus can land (ArrivalNotice).
  if (isCredentialSlug(parsed.data.slug)) redirect(`/apply/${parsed.data.slug}?started=1`);
}

export type SaveResult = { ok: true; revision: number; wordCount: number; savedAt: string } | { ok: false; formError: string; conflict?: boolean };

export async function saveResponseAction(input: z.input<typeof SaveResponseInput>): Promise<SaveResult> {
  const parsed = SaveResponseInput.safeParse(input);
  if (!parsed.success) return { ok: false, formError: parsed.error.issues[0]?.message ?? 'That answer could not be saved.' };
  try {
    const actor = await requireActor();
    const r = await saveResponse({ actor, ...parsed.data });
    return { ok: true, revision: r.revision, wordCount: r.wordCount, savedAt: new Date().toISOString() };
  } catch (e) {
    const result = toActionError(e);
    const conflict = e instanceof Error && 'code' in e && (e as { code: string }).code === 'CONFLICT';
    return { ok: false, formError: result.ok ? 'Not saved.' : (result.formError ?? 'Not saved.'), conflict };
  }
}

/** An upload's refusal carries its code, so the uploader can tell which ones Retry can get past (canRetryUpload). */
export type UploadRefusal = { ok: false; formError?: string; fieldErrors?: Record<string, string[]>; code: ErrorCode | null };

function withCode(result: ActionResult<never>, code: ErrorCode | null): UploadRefusal {
  return result.ok ? { ok: false, code } : { ...result, code };
}

const uploadRefusal = (e: unknown) => withCode(toActionError(e), isDomainError(e) ? e.code : null);

export async function requestUploadAction(input: z.input<typeof RequestUploadInput>): Promise<{ ok: true; data: UploadTicket } | UploadRefusal> {
  const parsed = parseInput(RequestUploadInput, input);
  if (!parsed.ok) return withCode(parsed.result, 'VALIDATION');
  try {
    const actor = await requireActor();
    return { ok: true, data: await requestUpload({ actor, ...parsed.data }) };
  } catch (e) {
    return uploadRefusal(e);
  }
}

export async function presignPartsAction(input: z.input<typeof PresignPartsInput>): Promise<ActionResult<{ partNumber: number; url: string }[]>> {
  const parsed = parseInput(PresignPartsInput, input);
  if (!parsed.ok) return parsed.result;
  try {
    const actor = await requireActor();
    return { ok: true, data: await presignUploadParts({ actor, ...parsed.data }) };
  } catch (e) {
    return toActionError(e);
  }
}

export async function completeUploadAction(input: z.input<typeof CompleteUploadInput>): Promise<ActionResult> {
  const parsed = parseInput(CompleteUploadInput, input);
  if (!parsed.ok) return parsed.result;
  try {
    const actor = await requireActor();
    await completeUpload({ actor, ...parsed.data });
    return { ok: true };
  } catch (e) {
    return toActionError(e);
  }
}

export async function removeFileAction(input: z.input<typeof FileIdInput>): Promise<ActionResult> {
  const parsed = parseInput(FileIdInput, input);
  if (!parsed.ok) return parsed.result;
  try {
    const actor = await requireActor();
    await removeFile({ actor, fileId: parsed.data.fileId });
    return { ok: true };
  } catch (e) {
    return toActionError(e);
  }
}

export async function submitAttemptAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const raw = formDataToObject(formData);
  const parsed = parseInput(SubmitAttemptInput, raw);
  if (!parsed.ok) return parsed.result;
  try {
    const actor = await requireActor();
    await submitAttempt({ actor, attemptId: parsed.data.attemptId, publicSummary: parsed.data.publicSummary, attested: parsed.data.attested });
  } catch (e) {
    return toActionError(e);
  }
  refreshApplication(raw.slug);
  revalidatePath('/dashboard');
  redirect(isCredentialSlug(raw.slug) ? `/apply/${raw.slug}?submitted=1` : '/dashboard');
}

export async function startRevisionAction(formData: FormData) {
  const raw = formDataToObject(formData);
  const parsed = StartRevisionInput.safeParse(raw);
  if (!parsed.success) return;
  const actor = await requireActor();
  await startRevision({ actor, submissionId: parsed.data.submissionId });
  refreshApplication(raw.slug);
  // The button gives way to the new attempt: the page says so where focus can land (ArrivalNotice).
  if (isCredentialSlug(raw.slug)) redirect(`/apply/${raw.slug}?revising=1`);
}

const WithdrawSentAttemptInput = z.object({ attemptId: str().min(1).max(40), slug: str().min(1).max(120) });

/**
 * "Take it back to edit" on a sent attempt nobody has opened yet. The page is refreshed either way:
 * after a refusal (a reviewer claimed it meanwhile) it shows where the attempt stands now.
 */
export async function withdrawSentAttemptAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = WithdrawSentAttemptInput.safeParse(formDataToObject(formData));
  if (!parsed.success) return { ok: false, formError: 'This attempt could not be taken back. Reload the page and try again.' };
  const { attemptId, slug } = parsed.data;
  try {
    const actor = await requireActor();
    await withdrawSentAttempt({ actor, attemptId });
  } catch (e) {
    refreshApplication(slug);
    return toActionError(e);
  }
  refreshApplication(slug);
  revalidatePath('/dashboard');
  return { ok: true, message: 'Your attempt is back with you as a draft, with all your answers and files. Change what you need, then confirm the statement and send it again.' };
}

/** "Renew this badge": opens the renewal application and goes to it. */
export async function startRenewalAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(StartRenewalInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let slug: string;
  try {
    const actor = await requireActor();
    ({ slug } = await startRenewal({ actor, microCredentialId: parsed.data.microCredentialId }));
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/badges');
  revalidatePath('/dashboard');
  redirect(`/apply/${encodeURIComponent(slug)}`);
}

/** "Ask about this feedback" on a returned attempt: the question goes to the credential's issuer. */
export async function askAboutFeedbackAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const raw = formDataToObject(formData);
  const parsed = parseInput(AskAboutFeedbackInput, raw);
  if (!parsed.ok) return parsed.result;
  try {
    const actor = await requireActor();
    await askAboutFeedback({ actor, attemptId: parsed.data.attemptId, body: parsed.data.body });
  } catch (e) {
    return toActionError(e);
  }
  refreshApplication(raw.slug);
  return { ok: true, message: 'Your question was sent. We will notify you when there is a reply, and it will show here.' };
}
