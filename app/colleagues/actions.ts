'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';
import { SharesWithColleaguesInput, SHARES_REFUSED } from '@/lib/colleagues/schemas';
import { setSharesWithColleagues } from '@/lib/colleagues/mutations';

/**
 * "Share and see my colleagues" / "Stop sharing" on /colleagues: the signed-in person's own row
 * only. The page changes under the button (the list appears, or goes), so it is shown again with
 * the outcome at the top (?now=sharing|stopped), where focus lands (ADR 021). A hand-made request
 * with anything but yes or no is answered in the form, with nothing saved.
 */
export async function setSharingFromColleaguesAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(SharesWithColleaguesInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, formError: SHARES_REFUSED };
  let saved;
  try {
    saved = await setSharesWithColleagues({ actor: await requireActor(), shares: parsed.data.shares });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/colleagues');
  revalidatePath('/account');
  redirect(saved.shares ? '/colleagues?now=sharing' : '/colleagues?now=stopped');
}
