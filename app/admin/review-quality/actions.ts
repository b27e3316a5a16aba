'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';
import { assignReview, grantQualification } from '@/lib/review/mutations';
import { AssignReviewInput, GrantQualificationInput } from '@/lib/review/schemas';

export async function assignReviewAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(AssignReviewInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let reassigned = false;
  try {
    const actor = await requireActor();
    reassigned = (await assignReview({ actor, ...parsed.data })).reassigned;
  } catch (e) {
    // Refused because of a claim the page did not show (taken since it loaded): show it now.
    revalidatePath(`/admin/review-quality/assign/${parsed.data.attemptId}`);
    return toActionError(e);
  }
  revalidatePath('/admin/review-quality');
  revalidatePath('/review');
  redirect(`/admin/review-quality?assigned=${reassigned ? 'reassigned' : 'assigned'}#assign`);
}

export async function grantQualificationAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(GrantQualificationInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  try {
    const actor = await requireActor();
    await grantQualification({ actor, ...parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/admin/review-quality');
  return { ok: true, message: 'Qualification granted. The reviewer will see this micro-credential in their queue (after calibration, if required).' };
}
