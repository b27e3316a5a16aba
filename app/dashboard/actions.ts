'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { enrollInMicroCredential } from '@/lib/enrollment/mutations';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';
import { EnrollInput } from '@/lib/enrollment/schemas';

/** "Pick up again" on a stopped credential: enrols again and opens the kept application. */
export async function pickUpAgainAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(EnrollInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  try {
    const actor = await requireActor();
    await enrollInMicroCredential({ actor, microCredentialId: parsed.data.microCredentialId });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/dashboard');
  revalidatePath(`/micro-credentials/${parsed.data.slug}`);
  redirect(`/apply/${encodeURIComponent(parsed.data.slug)}`);
}
