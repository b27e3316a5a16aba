'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { requireActor } from '@/lib/auth/session';
import { enrollInTrack } from '@/lib/enrollment/mutations';
import { isCredentialSlug } from '@/lib/authoring/schemas';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

export async function enrollTrackAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(z.object({ trackId: str().min(1).max(40), slug: z.string().max(120) }), formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  try {
    const actor = await requireActor();
    await enrollInTrack({ actor, trackId: parsed.data.trackId });
  } catch (e) {
    return toActionError(e);
  }
  const slug = parsed.data.slug;
  revalidatePath(`/tracks/${slug}`);
  revalidatePath('/dashboard');
  // The enrol button goes once enrolled: the page says so where focus can land (ArrivalNotice).
  // Tracks and credentials share the address rule; a forged `slug` goes nowhere.
  if (isCredentialSlug(slug)) redirect(`/tracks/${slug}?enrolled=1`);
  return { ok: true, message: 'Enrolled in every level of this course.' };
}
