'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { requireActor } from '@/lib/auth/session';
import { createIssuerTrack, publishTrack, retireTrack, TRACK_FORM_OUT_OF_DATE, updateTrack } from '@/lib/authoring/tracks';
import { seenAtInput } from '@/lib/seen-at';
import { formDataToObject, toActionError, type ActionResult } from '@/lib/action-result';

const list = (v: unknown) => String(v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
// Every level box as sent, empty ones included: TrackDef drops those after the last level and
// refuses one left empty before it (dropping it here would move the later levels down one).
const boxes = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);

const Input = z.object({
  // NUL (U+0000) cannot reach Postgres: it is dropped before the ids are used.
  trackId: str().max(40).optional(),
  issuerId: str().max(40).optional(),
  intent: z.enum(['save', 'publish', 'retire']).default('save'),
  // When the page was opened (the track's updatedAt then), from a hidden field: a save on top of
  // someone else's newer save is refused instead of putting back what they changed.
  seenUpdatedAt: seenAtInput(TRACK_FORM_OUT_OF_DATE).optional(),
}).superRefine((v, ctx) => {
  // Retiring saves nothing from the form, so it needs no load time; every other save of a track does.
  if (v.trackId && v.intent !== 'retire' && !v.seenUpdatedAt) ctx.addIssue({ code: 'custom', path: ['seenUpdatedAt'], message: TRACK_FORM_OUT_OF_DATE });
});

/** Retiring changes only the status: what was changed in the form is not saved, and the admin is told so. */
const RETIRED = 'Retired: it is no longer in the catalogue. Retiring does not save changes made in the form: any you made were not saved.';

export async function saveTrackAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const raw = formDataToObject(formData);
  const meta = Input.safeParse(raw);
  if (!meta.success) {
    // A page without a usable load time is told to reload, not to fix fields.
    const stale = meta.error.issues.some((i) => i.path[0] === 'seenUpdatedAt');
    return { ok: false, formError: stale ? TRACK_FORM_OUT_OF_DATE : 'The form could not be read.' };
  }
  const def = {
    slug: String(raw.slug ?? ''), kind: String(raw.kind ?? 'TRACK') as 'TRACK' | 'COURSE', title: String(raw.title ?? ''), summary: String(raw.summary ?? ''),
    description: String(raw.description ?? ''), topic: String(raw.topic ?? ''), subjects: list(raw.subjects), gradeBands: list(raw.gradeBands), levels: boxes(raw.levels),
  };
  let id = meta.data.trackId;
  try {
    const actor = await requireActor();
    if (meta.data.intent === 'retire' && id) {
      await retireTrack({ actor, trackId: id });
    } else {
      if (id) await updateTrack({ actor, trackId: id, seenUpdatedAt: meta.data.seenUpdatedAt!, def });
      else id = (await createIssuerTrack({ actor, issuerId: meta.data.issuerId ?? '', def })).id;
      if (meta.data.intent === 'publish') await publishTrack({ actor, trackId: id });
    }
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/admin/tracks');
  revalidatePath('/catalog');
  if (!meta.data.trackId) redirect(`/admin/tracks/${id}?saved=1`);
  revalidatePath(`/admin/tracks/${id}`);
  return { ok: true, message: meta.data.intent === 'publish' ? 'Saved and published.' : meta.data.intent === 'retire' ? RETIRED : 'Saved.' };
}
