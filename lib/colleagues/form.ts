import 'server-only';
import { requireActor } from '@/lib/auth/session';
import { formDataToObject, parseInput, toActionError, type ActionFailure } from '@/lib/action-result';
import { SharesWithColleaguesInput, SHARES_REFUSED } from '@/lib/colleagues/schemas';
import { setSharesWithColleagues } from '@/lib/colleagues/mutations';

/**
 * The sharing setting as both its forms send it (the account page's box, the buttons on
 * /colleagues), saved on the signed-in person's own row. A hand-made request with anything but yes
 * or no is answered in the form with its one message (not "some fields need attention" with nothing
 * marked), nothing saved; each action then says the outcome its own way.
 */
export async function saveSharingFromForm(formData: FormData): Promise<{ ok: true; saved: Awaited<ReturnType<typeof setSharesWithColleagues>> } | { ok: false; result: ActionFailure }> {
  const parsed = parseInput(SharesWithColleaguesInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, result: { ok: false, formError: SHARES_REFUSED } };
  try {
    return { ok: true, saved: await setSharesWithColleagues({ actor: await requireActor(), shares: parsed.data.shares }) };
  } catch (e) {
    return { ok: false, result: toActionError(e) as ActionFailure };
  }
}
