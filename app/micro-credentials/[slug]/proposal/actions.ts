'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/auth/session';
import { saveProposal } from '@/lib/proposals/mutations';
import { ProposalInput } from '@/lib/proposals/schemas';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

export async function saveProposalAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const raw = formDataToObject(formData);
  const parsed = parseInput(ProposalInput, raw);
  if (!parsed.ok) return parsed.result;
  try {
    const actor = await requireActor();
    await saveProposal({ actor, microCredentialId: parsed.data.microCredentialId, studentGoals: parsed.data.studentGoals, plan: parsed.data.plan, submit: parsed.data.intent === 'submit' });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath(`/micro-credentials/${String(raw.slug ?? '')}/proposal`);
  return { ok: true, message: parsed.data.intent === 'submit' ? 'Sent to your district leader. You will be notified of their decision.' : 'Draft saved.' };
}
