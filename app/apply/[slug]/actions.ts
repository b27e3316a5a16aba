'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { getActor, requireActor } from '@/lib/auth/session';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';
import { isDomainError, type ErrorCode } from '@/lib/errors';
import { partsNotReady, saveResponse, SECOND_LOOK_UNDER_WAY, startApplication, startRevision, submitAttempt } from '@/lib/submissions/mutations';
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

/**
 * Why a start button's action was refused, for the page's `?refused=` (ApplyPage words it): a code
 * from this short list, never the message itself, so a link cannot make the page say anything else.
 * Null: not a refusal (a fault), which goes on to the route's error page.
 */
function refusalCode(e: unknown, what: 'start' | 'revision'): 'start' | 'revision' | 'second-look' | null {
  if (!isDomainError(e)) return null;
  if (what === 'revision' && e.message === SECOND_LOOK_UNDER_WAY) return 'second-look';
  return what;
}

export async function startApplicationAction(formData: FormData) {
  const parsed = z.object({ microCredentialId: str().min(1).max(40), slug: z.string().max(120) }).safeParse(formDataToObject(formData));
  if (!parsed.success) return;
  const { slug } = parsed.data;
  let refused: string | null = null;
  let pickedUp = false;
  try {
    const actor = await requireActor();
    // Also "Pick up where you left off" on an application kept when the teacher stopped.
    ({ pickedUp } = await startApplication({ actor, microCredentialId: parsed.data.microCredentialId }));
  } catch (e) {
    // E.g. the credential closed to new applications meanwhile: said on the page, not the error page.
    refused = refusalCode(e, 'start');
    if (!refused) throw e;
  }
  refreshApplication(slug);
  // The draft is listed on the dashboard (a picked-up one no longer under "Stopped").
  revalidatePath('/dashboard');
  // The button gives way to the application: the page says so where focus can land (ArrivalNotice).
  if (isCredentialSlug(slug)) redirect(refused ? `/apply/${slug}?refused=${refused}` : `/apply/${slug}?${pickedUp ? 'resumed' : 'started'}=1`);
}

/**
 * `stop`: saving again cannot succeed (see FINAL_SAVE_REFUSALS), so the editor stops trying.
 * `invalid`: this text is refused as it stands (a link or length the server will not take): the
 * editor waits for the next edit instead of sending it again.
 */
export type SaveResult = { ok: true; revision: number; wordCount: number; savedAt: string } | { ok: false; formError: string; stop: boolean; invalid?: boolean };

/**
 * Refusals of an answer's save that the same save would meet on every try: the answer changed in
 * another window, the attempt was sent (or taken out of draft) meanwhile, the part or attempt is
 * not there or not the teacher's. Not a lapsed session: signing in again in another tab lets the
 * next try through, and the text stays on the page and in this browser meanwhile.
 */
const FINAL_SAVE_REFUSALS: ErrorCode[] = ['CONFLICT', 'INVALID_STATE', 'NOT_FOUND', 'FORBIDDEN'];

export async function saveResponseAction(input: z.input<typeof SaveResponseInput>): Promise<SaveResult> {
  const parsed = SaveResponseInput.safeParse(input);
  if (!parsed.success) return { ok: false, formError: parsed.error.issues[0]?.message ?? 'That answer could not be saved.', stop: false, invalid: true };
  try {
    const actor = await requireActor();
    const r = await saveResponse({ actor, ...parsed.data });
    return { ok: true, revision: r.revision, wordCount: r.wordCount, savedAt: new Date().toISOString() };
  } catch (e) {
    const result = toActionError(e);
    const stop = isDomainError(e) && FINAL_SAVE_REFUSALS.includes(e.code);
    return { ok: false, formError: result.ok ? 'Not saved.' : (result.formError ?? 'Not saved.'), stop, invalid: isDomainError(e) && e.code === 'VALIDATION' };
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
  if (!parsed.ok) return withPartsNotReady(parsed.result, raw.attemptId);
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

/**
 * A submission refused only for the confirmation box also says which parts are not ready yet, so
 * one press tells the teacher everything that stops it (else ticking the box would only lead to the
 * next refusal). Anything else refused, or no actor, and the refusal stands as it is.
 */
async function withPartsNotReady(refused: ActionResult, attemptId: unknown): Promise<ActionResult> {
  if (refused.ok || typeof attemptId !== 'string') return refused;
  const errors = refused.fieldErrors ?? {};
  if (Object.keys(errors).join() !== 'attested') return refused;
  const actor = await getActor();
  if (!actor) return refused;
  const parts = await partsNotReady({ actor, attemptId });
  return Object.keys(parts).length ? { ok: false, formError: 'Some parts are not ready yet.', fieldErrors: { ...parts, ...errors } } : refused;
}

export async function startRevisionAction(formData: FormData) {
  const raw = formDataToObject(formData);
  const parsed = StartRevisionInput.safeParse(raw);
  if (!parsed.success) return;
  let refused: string | null = null;
  try {
    const actor = await requireActor();
    await startRevision({ actor, submissionId: parsed.data.submissionId });
  } catch (e) {
    // E.g. an issuer asked for a second look just before: the page says why, and shows where the
    // application stands now, instead of the error page.
    refused = refusalCode(e, 'revision');
    if (!refused) throw e;
  }
  refreshApplication(raw.slug);
  // A stopped level it picked up is back on the dashboard.
  revalidatePath('/dashboard');
  // The button gives way to the new attempt: the page says so where focus can land (ArrivalNotice).
  if (isCredentialSlug(raw.slug)) redirect(refused ? `/apply/${raw.slug}?refused=${refused}` : `/apply/${raw.slug}?revising=1`);
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
  // The Renew button is gone (or was on another page): the renewal says so where focus can land (ArrivalNotice).
  redirect(`/apply/${encodeURIComponent(slug)}?renewing=1`);
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
