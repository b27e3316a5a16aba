'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';
import { deleteCredentialFeedback, saveCredentialFeedback } from '@/lib/credential-feedback/mutations';
import { DeleteCredentialFeedbackInput, SaveCredentialFeedbackInput } from '@/lib/credential-feedback/schemas';
import { feedbackPath } from '@/lib/credential-feedback/policy';

/** "Save my feedback": a first answer or a change to it. Posted as a form, also without JavaScript. */
export async function saveFeedbackAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(SaveCredentialFeedbackInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  const { microCredentialId, rating, hoursSpent, comment } = parsed.data;
  let saved;
  try {
    const actor = await requireActor();
    saved = await saveCredentialFeedback({ actor, microCredentialId, rating, hoursSpent: hoursSpent ?? null, comment: comment ?? null });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath(feedbackPath(saved.slug));
  return {
    ok: true,
    message: saved.created
      ? 'Thank you. Your feedback was sent to the issuer without your name. You can change it here at any time.'
      : 'Your feedback was updated. The issuer now sees your new answers.',
  };
}

/**
 * "Yes, delete my feedback": the page comes back without it, saying so (?deleted=1), as the form
 * holding the button is gone. A failure (signed out, a forged id) is said beside the button.
 */
export async function deleteFeedbackAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = DeleteCredentialFeedbackInput.safeParse(formDataToObject(formData));
  if (!parsed.success) return { ok: false, formError: 'That micro-credential could not be found.' };
  let slug: string | null;
  try {
    const actor = await requireActor();
    ({ slug } = await deleteCredentialFeedback({ actor, microCredentialId: parsed.data.microCredentialId }));
  } catch (e) {
    return toActionError(e);
  }
  if (!slug) return { ok: false, formError: 'That micro-credential could not be found.' };
  revalidatePath(feedbackPath(slug));
  redirect(`${feedbackPath(slug)}?deleted=1`);
}
