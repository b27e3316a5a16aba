'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/auth/session';
import { decideProposal } from '@/lib/proposals/mutations';
import { ProposalDecisionInput } from '@/lib/proposals/schemas';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

export async function decideProposalAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(ProposalDecisionInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  try {
    const actor = await requireActor();
    // decideProposal checks the leader leads this proposal's district and the version is current.
    await decideProposal({ actor, ...parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/district/proposals');
  revalidatePath('/district');
  return { ok: true, message: parsed.data.decision === 'APPROVED' ? 'Approved. The teacher has been notified.' : 'Returned with your comment. The teacher has been notified.' };
}
