'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { requireActor } from '@/lib/auth/session';
import { enrollInTrack } from '@/lib/enrollment/mutations';
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
  revalidatePath(`/tracks/${parsed.data.slug}`);
  return { ok: true, message: 'Enrolled in every level of this course.' };
}
