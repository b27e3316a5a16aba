'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/auth/session';
import { AddRecommendationInput, RemoveRecommendationInput, UpdateRecommendationInput } from '@/lib/district/recommendation-schemas';
import { addRecommendation, removeRecommendation, updateRecommendation } from '@/lib/district/recommendations';
import { fieldFormError, formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

const audience = (school: string | null) => (school ? `teachers at ${school}` : 'the whole district');

export async function addRecommendationAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(AddRecommendationInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let added: { title: string; school: string | null };
  try {
    const actor = await requireActor();
    added = await addRecommendation({ actor, input: parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/district', 'layout');
  return { ok: true, message: `You now recommend “${added.title}” to ${audience(added.school)}. Those teachers will get a notification.` };
}

export async function updateRecommendationAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(UpdateRecommendationInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let changed: boolean, widened: boolean;
  try {
    const actor = await requireActor();
    ({ changed, widened } = await updateRecommendation({ actor, input: parsed.data }));
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/district', 'layout');
  return { ok: true, message: !changed ? 'Nothing to save: it was already like this.' : widened ? 'Saved. Teachers it now reaches will get a notification.' : 'Saved.' };
}

export async function removeRecommendationAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(RemoveRecommendationInput, formDataToObject(formData));
  if (!parsed.ok) return fieldFormError(parsed.result, 'recommendationId', 'That recommendation could not be found.');
  try {
    const actor = await requireActor();
    await removeRecommendation({ actor, input: parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/district', 'layout');
  return { ok: true, message: 'Removed.' };
}
