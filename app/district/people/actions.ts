'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { removeTeacherFromDistrict, setTeacherSchool } from '@/lib/district/people';
import { DistrictRequestDecisionInput, TeacherRemoveInput, TeacherSchoolInput } from '@/lib/people/schemas';
import { decideDistrictRequest } from '@/lib/district/requests';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

export async function setTeacherSchoolAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(TeacherSchoolInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, formError: 'Choose a school.' };
  try {
    const actor = await requireActor();
    const { changed } = await setTeacherSchool({ actor, ...parsed.data });
    revalidatePath('/district/teachers');
    return { ok: true, message: changed ? 'Saved.' : 'No change.' };
  } catch (e) {
    return toActionError(e);
  }
}

export async function removeTeacherAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(TeacherRemoveInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, formError: 'Choose a teacher.' };
  try {
    const actor = await requireActor();
    const { name } = await removeTeacherFromDistrict({ actor, ...parsed.data });
    revalidatePath('/district/teachers');
    return { ok: true, message: `${name} is no longer linked to the district.` };
  } catch (e) {
    return toActionError(e);
  }
}

export async function decideDistrictRequestAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(DistrictRequestDecisionInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, formError: 'Choose confirm or decline.' };
  try {
    const actor = await requireActor();
    await decideDistrictRequest({ actor, ...parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/district/people');
  revalidatePath('/district/teachers');
  // The request leaves the list with its form, so the page itself says what happened.
  redirect(`/district/people?district=${encodeURIComponent(parsed.data.districtId)}&request=${parsed.data.decision === 'confirm' ? 'confirmed' : 'declined'}#requests`);
}
