'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { ActionResult } from '@/lib/action-result';
import { saveSharingFromForm } from '@/lib/colleagues/form';

/**
 * "Share and see my colleagues" / "Stop sharing" on /colleagues: the signed-in person's own row
 * only. The page changes under the button (the list appears, or goes), so it is shown again with
 * the outcome at the top (?now=sharing|stopped), where focus lands (ADR 021). A hand-made request
 * with anything but yes or no is answered in the form, with nothing saved (saveSharingFromForm).
 */
export async function setSharingFromColleaguesAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const r = await saveSharingFromForm(formData);
  if (!r.ok) return r.result;
  revalidatePath('/colleagues');
  revalidatePath('/account');
  redirect(r.saved.shares ? '/colleagues?now=sharing' : '/colleagues?now=stopped');
}
