'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/auth/session';
import { removeTeacherFromDistrict, setTeacherSchool } from '@/lib/district/people';
import { TeacherRemoveInput, TeacherSchoolInput } from '@/lib/people/schemas';
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
