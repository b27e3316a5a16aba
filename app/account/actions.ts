'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/auth/session';
import { ProfileInput, updateProfile } from '@/lib/auth/profile';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

export async function updateProfileAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(ProfileInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  try {
    const actor = await requireActor();
    await updateProfile({ actor, input: parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/account');
  revalidatePath('/badges');
  return { ok: true, message: 'Saved.' };
}
