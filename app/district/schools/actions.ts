'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/auth/session';
import { RenameDistrictInput, RenameSchoolInput, SchoolInput } from '@/lib/organizations/schemas';
import { addSchool, renameDistrict, renameSchool } from '@/lib/district/schools';
import { fieldFormError, formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

function revalidateDistrict() {
  revalidatePath('/district', 'layout');
  revalidatePath('/account');
}

export async function addSchoolAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(SchoolInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let name: string;
  try {
    const actor = await requireActor();
    ({ name } = await addSchool({ actor, input: parsed.data }));
  } catch (e) {
    return toActionError(e);
  }
  revalidateDistrict();
  return { ok: true, message: `${name} added. You can now place teachers there and invite them to it.` };
}

export async function renameSchoolAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(RenameSchoolInput, formDataToObject(formData));
  if (!parsed.ok) return fieldFormError(parsed.result, 'name', 'Enter the school’s name.');
  try {
    const actor = await requireActor();
    await renameSchool({ actor, input: parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidateDistrict();
  return { ok: true, message: 'Renamed.' };
}

export async function renameDistrictAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(RenameDistrictInput, formDataToObject(formData));
  if (!parsed.ok) return fieldFormError(parsed.result, 'name', 'Enter the district’s name.');
  try {
    const actor = await requireActor();
    await renameDistrict({ actor, input: parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidateDistrict();
  return { ok: true, message: 'Renamed.' };
}
