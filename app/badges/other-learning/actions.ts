'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import type { Actor } from '@/lib/auth/actor';
import { isDomainError } from '@/lib/errors';
import { formDataToObject, parseInput, toActionError, type ActionFailure, type ActionResult } from '@/lib/action-result';
import {
  AddExternalLearningInput, CancelCertificateUploadInput, CompleteCertificateUploadInput, DeleteExternalLearningInput, EditExternalLearningInput, ENTRY_NOT_FOUND, ENTRY_OUT_OF_DATE, latestCompletedOn,
  RemoveCertificateInput, RequestCertificateUploadInput,
} from '@/lib/external-learning/schemas';
import { addExternalLearning, deleteExternalLearning, editExternalLearning } from '@/lib/external-learning/mutations';
import { cancelCertificateUpload, completeCertificateUpload, removeCertificate, requestCertificateUpload, type AttachedCertificate, type CertificateTicket } from '@/lib/external-learning/certificates';
import { certificateInWords } from '@/lib/external-learning/certificate-files';
import { ownEntryPageCursor } from '@/lib/external-learning/queries';
import { entrySavedInWords } from '@/components/external-learning/entry-words';

const OTHER_LEARNING_PATH = '/badges/other-learning';

/** The list, at the page `cursor` starts (none: the first), with an outcome flag. */
function otherLearningHref(params: { saved?: string; deleted?: '1'; cursor?: string }): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) query.set(k, v);
  return `${OTHER_LEARNING_PATH}?${query}`;
}

/** Every page that shows a teacher's other professional learning or its total. */
function revalidateOtherLearning() {
  revalidatePath(OTHER_LEARNING_PATH);
  revalidatePath('/badges');
  revalidatePath('/badges/transcript');
}

/**
 * A result whose only trouble is a hidden field (the entry's id, when it was loaded): a stale or
 * edited page, said as such rather than as "some fields need attention" with nothing marked.
 */
function hiddenFieldRefusal(result: ActionResult<never>): ActionResult<never> {
  if (result.ok || !result.fieldErrors) return result;
  if (result.fieldErrors.id) return { ok: false, formError: ENTRY_NOT_FOUND };
  if (result.fieldErrors.seenAt) return { ok: false, formError: ENTRY_OUT_OF_DATE };
  return result;
}

/** "Add professional learning": a new entry on the signed-in teacher's own list. */
export async function addExternalLearningAction(_prev: ActionResult<{ id: string }>, formData: FormData): Promise<ActionResult<{ id: string }>> {
  let outcome;
  try {
    const actor = await requireActor();
    // "Not in the future" is the teacher's own today (their time zone).
    const parsed = parseInput(AddExternalLearningInput(latestCompletedOn(actor.timeZone)), formDataToObject(formData));
    if (!parsed.ok) return parsed.result;
    outcome = await addExternalLearning({ actor, input: parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidateOtherLearning();
  const { entry, created } = outcome;
  return {
    ok: true,
    data: { id: entry.id },
    message: created ? `Added: ${entrySavedInWords(entry)}` : `Already added a moment ago, so it is on your list once: ${entrySavedInWords(entry)}`,
  };
}

/**
 * "Save changes" on one of the teacher's own entries. The list is sorted by completion day, so a
 * saved entry can move, even to another page, and its card (the form, its button and any message in
 * it) with it: the list is shown again at the page that now holds the entry, with the outcome at the
 * top (?saved=<id>), where focus lands (ADR 021). A refusal (a field to correct, a newer save in
 * another tab) is answered in the form, which stays where it is.
 */
export async function editExternalLearningAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  let entry, cursor;
  try {
    const actor = await requireActor();
    const parsed = parseInput(EditExternalLearningInput(latestCompletedOn(actor.timeZone)), formDataToObject(formData));
    if (!parsed.ok) return hiddenFieldRefusal(parsed.result);
    const { id, seenAt, ...input } = parsed.data;
    entry = await editExternalLearning({ actor, id, seenAt, input });
    cursor = await ownEntryPageCursor({ actor, entry });
  } catch (e) {
    return toActionError(e);
  }
  revalidateOtherLearning();
  redirect(otherLearningHref({ saved: entry.id, cursor }));
}

/**
 * "Yes, delete it" on one of the teacher's own entries. Its row goes from the list, and the button
 * with it, so the list is shown again with the outcome at the top (?deleted=1), where focus lands
 * (ADR 021).
 */
export async function deleteExternalLearningAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(DeleteExternalLearningInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, formError: ENTRY_NOT_FOUND };
  try {
    await deleteExternalLearning({ actor: await requireActor(), id: parsed.data.id });
  } catch (e) {
    return toActionError(e);
  }
  revalidateOtherLearning();
  redirect(otherLearningHref({ deleted: '1' }));
}

// ── Certificates of completion (lib/external-learning/certificates.ts) ──

/**
 * A refused certificate step. `retry`: the same file can be sent again as it is (storage was
 * unreachable, or the file did not arrive): the uploader offers Retry. Otherwise the file itself
 * was refused (its type, its size, what its bytes are) or the entry is gone: choosing another
 * file, or reloading, is what helps.
 */
export type CertificateRefusal = ActionFailure & { retry: boolean };
export type CertificateStep<T> = { ok: true; data: T; message?: string } | CertificateRefusal;

function certificateRefusal(e: unknown): CertificateRefusal {
  const result = toActionError(e);
  const retry = isDomainError(e) && (e.code === 'UNAVAILABLE' || e.code === 'INVALID_STATE');
  return { ...(result.ok ? { ok: false } : result), retry };
}

/** An input that does not parse: its first message, said as the form's (the uploader shows one). */
const badInput = (result: ActionResult<never>): CertificateRefusal => ({
  ok: false,
  formError: (!result.ok && Object.values(result.fieldErrors ?? {})[0]?.[0]) || 'That file could not be attached. Reload the page and try again.',
  retry: false,
});

/**
 * One step of the uploader: the input parsed (badInput), the signed-in teacher, then `run`; a
 * refusal said with whether Retry can help (certificateRefusal).
 */
async function certificateStep<S extends z.ZodType, T>(schema: S, input: unknown, run: (actor: Actor, data: z.infer<S>) => Promise<T>): Promise<CertificateStep<T>> {
  const parsed = parseInput(schema, input);
  if (!parsed.ok) return badInput(parsed.result);
  try {
    return { ok: true, data: await run(await requireActor(), parsed.data) };
  } catch (e) {
    return certificateRefusal(e);
  }
}

/** "Attach a certificate", step 1: a URL the browser PUTs the file to (checked first: its type and size). */
export async function requestCertificateUploadAction(input: z.input<typeof RequestCertificateUploadInput>): Promise<CertificateStep<CertificateTicket>> {
  return certificateStep(RequestCertificateUploadInput, input, (actor, data) => requestCertificateUpload({ actor, ...data }));
}

/** Step 2, after the PUT: the file is checked and attached, replacing the entry's certificate. */
export async function completeCertificateUploadAction(input: z.input<typeof CompleteCertificateUploadInput>): Promise<CertificateStep<AttachedCertificate>> {
  const step = await certificateStep(CompleteCertificateUploadInput, input, (actor, data) => completeCertificateUpload({ actor, certificateId: data.certificateId }));
  if (!step.ok) return step;
  revalidateOtherLearning();
  return { ...step, message: `Attached: “${step.data.fileName}” (${certificateInWords(step.data)}).` };
}

/**
 * The uploader gave up an upload (Cancel, or another file chosen): it no longer holds one of the
 * entry's places. Answered as done whatever became of it; nothing on the page changes.
 */
export async function cancelCertificateUploadAction(input: z.input<typeof CancelCertificateUploadInput>): Promise<CertificateStep<null>> {
  return certificateStep(CancelCertificateUploadInput, input, async (actor, data) => {
    await cancelCertificateUpload({ actor, certificateId: data.certificateId });
    return null;
  });
}

/** "Yes, remove it" on an entry's certificate; an entry with none left answers as done. */
export async function removeCertificateAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(RemoveCertificateInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, formError: ENTRY_NOT_FOUND };
  try {
    await removeCertificate({ actor: await requireActor(), learningId: parsed.data.learningId });
  } catch (e) {
    return toActionError(e);
  }
  revalidateOtherLearning();
  return { ok: true, message: 'Removed. The entry has no certificate now.' };
}
