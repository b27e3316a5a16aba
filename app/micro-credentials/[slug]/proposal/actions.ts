'use server';

import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { saveProposal } from '@/lib/proposals/mutations';
import { ProposalDraftInput, ProposalInput, type ProposalAutosaveResult, type ProposalFormResult } from '@/lib/proposals/schemas';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';
import { isDomainError, type ErrorCode } from '@/lib/errors';

/**
 * Failures that saving again cannot fix: the page is out of date, or the proposal went on without it.
 * Not a lapsed session (as for answers and scores): once the teacher signs in again in another tab,
 * the next try gets through, and the text stays on the page and in this browser meanwhile.
 */
const FINAL: ErrorCode[] = ['CONFLICT', 'INVALID_STATE', 'NOT_FOUND', 'FORBIDDEN'];
const isFinal = (e: unknown) => isDomainError(e) && FINAL.includes(e.code);

const failure = (r: ActionResult<never>) => ({ ok: false as const, formError: r.ok ? undefined : r.formError, fieldErrors: r.ok ? undefined : r.fieldErrors });

/** Save draft / Send, posted as a form (also without JavaScript). */
export async function saveProposalAction(_prev: ProposalFormResult, formData: FormData): Promise<ProposalFormResult> {
  const raw = formDataToObject(formData);
  const values = {
    studentGoals: typeof raw.studentGoals === 'string' ? raw.studentGoals : '',
    plan: typeof raw.plan === 'string' ? raw.plan : '',
    version: typeof raw.version === 'string' && /^\d{1,9}$/.test(raw.version) ? Number(raw.version) : raw.version === '' ? null : undefined,
  };
  const parsed = parseInput(ProposalInput, raw);
  if (!parsed.ok) {
    // No field shows the version: a page without it is out of date, and saving again cannot fix that.
    const stale = !parsed.result.ok && parsed.result.fieldErrors?.version?.[0];
    if (stale) return { ok: false, formError: stale, values, stop: true };
    return { ...failure(parsed.result), values };
  }
  const sent = parsed.data.intent === 'submit';
  let saved;
  try {
    const actor = await requireActor();
    saved = await saveProposal({ actor, microCredentialId: parsed.data.microCredentialId, studentGoals: parsed.data.studentGoals, plan: parsed.data.plan, submit: sent, version: parsed.data.version });
  } catch (e) {
    return { ...failure(toActionError(e)), values, stop: isFinal(e) };
  }
  revalidatePath(`/micro-credentials/${saved.slug}/proposal`);
  return {
    ok: true,
    message: sent ? 'Sent to your district.' : 'Draft saved.',
    data: { version: saved.version, savedAt: new Date().toISOString(), sent },
  };
}

/**
 * The draft saved a couple of seconds after typing stops. Checked against the version it was typed
 * on, and refused once the proposal is sent, so a stale window never overwrites newer text.
 */
export async function autosaveProposalAction(input: z.input<typeof ProposalDraftInput>): Promise<ProposalAutosaveResult> {
  const parsed = ProposalDraftInput.safeParse(input);
  if (!parsed.success) return { ok: false, formError: parsed.error.issues[0]?.message ?? 'The draft could not be saved.', stop: false };
  try {
    const actor = await requireActor();
    const saved = await saveProposal({ actor, ...parsed.data, submit: false });
    // Also drops this page from the browser's router cache: coming back to it (the Back button)
    // must show the text and version just saved, or the next save would be refused as stale.
    revalidatePath(`/micro-credentials/${saved.slug}/proposal`);
    return { ok: true, version: saved.version, savedAt: new Date().toISOString() };
  } catch (e) {
    const result = toActionError(e);
    return { ok: false, formError: (!result.ok && result.formError) || 'The draft could not be saved.', stop: isFinal(e) };
  }
}
