'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/auth/session';
import { createExemplar, deleteExemplar, ExemplarInput, rescoreExemplar, RescoreExemplarInput } from '@/lib/review/exemplars';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';
import { str } from '@/lib/zod-text';
import { isDomainError } from '@/lib/errors';

export async function createExemplarAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const raw = formDataToObject(formData);
  const asList = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
  const titles = asList(raw.partTitle);
  const texts = asList(raw.text);
  const parsed = parseInput(ExemplarInput, {
    microCredentialId: raw.microCredentialId,
    versionId: raw.versionId,
    title: raw.title,
    responses: titles.map((t, i) => ({ partTitle: t, text: texts[i] ?? '' })),
    expectedRanks: asList(raw.expectedRank),
  });
  if (!parsed.ok) return parsed.result;
  let alreadyAdded: boolean;
  try {
    const actor = await requireActor();
    ({ alreadyAdded } = await createExemplar({ actor, input: parsed.data }));
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath(`/admin/credentials/${parsed.data.microCredentialId}/calibration`);
  // Sent again (a request that got no answer, a double submit): the sample is in the list once.
  if (alreadyAdded) return { ok: true, message: 'This sample was already added. It is in the list of samples once.' };
  return { ok: true, message: 'Sample added. Reviewers who have not calibrated yet will score it first.' };
}

export async function rescoreExemplarAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const raw = formDataToObject(formData);
  const parsed = parseInput(RescoreExemplarInput, {
    exemplarId: raw.exemplarId,
    versionId: raw.versionId,
    expectedRanks: Array.isArray(raw.expectedRank) ? raw.expectedRank : raw.expectedRank === undefined ? [] : [raw.expectedRank],
  });
  if (!parsed.ok) return parsed.result;
  const back = str().max(40).safeParse(raw.microCredentialId);
  try {
    const actor = await requireActor();
    await rescoreExemplar({ actor, input: parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  if (back.success) revalidatePath(`/admin/credentials/${back.data}/calibration`);
  return { ok: true, message: 'Sample scored on the current rubric. Reviewers who have not calibrated yet will score it.' };
}

/**
 * Deletes a sample. One already gone (another admin deleted it since the page loaded) is said in
 * words beside its button, not as the error page.
 */
export async function deleteExemplarAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const raw = formDataToObject(formData);
  const parsed = str().min(1).max(40).safeParse(raw.exemplarId);
  const back = str().max(40).safeParse(raw.microCredentialId);
  const gone: ActionResult = { ok: false, formError: 'This sample was already deleted, perhaps by another admin. Reload the page to see the current samples.' };
  if (!parsed.success) return gone;
  try {
    const actor = await requireActor();
    await deleteExemplar({ actor, exemplarId: parsed.data });
  } catch (e) {
    if (isDomainError(e) && e.code === 'NOT_FOUND') return gone;
    return toActionError(e);
  }
  if (back.success) revalidatePath(`/admin/credentials/${back.data}/calibration`);
  return { ok: true, message: 'Sample deleted.' };
}
