'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';
import { claimReview } from '@/lib/review/mutations';
import { ClaimReviewInput } from '@/lib/review/schemas';

/** Claims the attempt and opens the scoring screen; a lost race comes back as a message on the queue. */
export async function claimReviewAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(ClaimReviewInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let reviewId: string;
  try {
    const actor = await requireActor();
    reviewId = (await claimReview({ actor, ...parsed.data })).reviewId;
  } catch (e) {
    revalidatePath('/review');
    return toActionError(e);
  }
  revalidatePath('/review');
  redirect(`/review/${reviewId}`);
}
