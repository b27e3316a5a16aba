'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { enrollInMicroCredential, setResourceProgress, withdrawFromMicroCredential } from '@/lib/enrollment/mutations';
import { EnrollInput, ResourceProgressInput } from '@/lib/enrollment/schemas';
import { isCredentialSlug } from '@/lib/authoring/schemas';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';
import { z } from 'zod';

export async function enrollAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(EnrollInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  try {
    const actor = await requireActor();
    await enrollInMicroCredential({ actor, microCredentialId: parsed.data.microCredentialId });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/dashboard');
  // The enrol button goes once enrolled: the page says so where focus can land (ArrivalNotice).
  const slug = parsed.data.slug;
  if (isCredentialSlug(slug)) redirect(`/micro-credentials/${slug}?enrolled=1`);
  return { ok: true, message: 'You are enrolled. Your progress is on your dashboard.' };
}

/**
 * "Mark as done" beside a resource. A refusal (the teacher stopped working on the credential in
 * another tab, say) is said beside the button rather than ending on the error page.
 */
export async function resourceProgressAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = ResourceProgressInput.extend({ slug: z.string().max(120) }).safeParse(formDataToObject(formData));
  if (!parsed.success) return { ok: false, formError: 'That resource could not be marked. Reload the page and try again.' };
  try {
    const actor = await requireActor();
    await setResourceProgress({ actor, resourceId: parsed.data.resourceId, done: parsed.data.done });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath(`/micro-credentials/${parsed.data.slug}`);
  return { ok: true };
}

export async function withdrawAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(EnrollInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  try {
    const actor = await requireActor();
    await withdrawFromMicroCredential({ actor, microCredentialId: parsed.data.microCredentialId });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath(`/micro-credentials/${parsed.data.slug}`);
  revalidatePath('/dashboard');
  // The page then says it worked (the form itself is gone once the teacher is not enrolled).
  redirect(`/micro-credentials/${encodeURIComponent(parsed.data.slug)}?stopped=1`);
}
