'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { signOut } from '@/lib/auth/config';
import { ChangePasswordInput, changePassword } from '@/lib/auth/password-reset';
import { requireActor } from '@/lib/auth/session';
import { ProfileInput, updateProfile } from '@/lib/auth/profile';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';
import { DistrictRequestInput } from '@/lib/people/schemas';
import { DeleteAccountInput, deleteOwnAccount } from '@/lib/auth/delete-account';
import { cancelDistrictRequest, leaveDistrict, requestDistrict } from '@/lib/district/requests';

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

export async function changePasswordAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(ChangePasswordInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  try {
    const actor = await requireActor();
    await changePassword({ actor, current: parsed.data.current, password: parsed.data.password });
  } catch (e) {
    return toActionError(e);
  }
  // Every session of the account ended with the change, this one included.
  await signOut({ redirect: false });
  redirect('/sign-in?password=changed');
}

export async function requestDistrictAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(DistrictRequestInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  try {
    const actor = await requireActor();
    const { districtName } = await requestDistrict({ actor, districtId: parsed.data.districtId });
    revalidatePath('/account');
    return { ok: true, message: `Asked. ${districtName}’s leaders will confirm you.` };
  } catch (e) {
    return toActionError(e);
  }
}

export async function cancelDistrictRequestAction(): Promise<ActionResult> {
  try {
    await cancelDistrictRequest({ actor: await requireActor() });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/account');
  return { ok: true, message: 'Request withdrawn.' };
}

export async function leaveDistrictAction(): Promise<ActionResult> {
  try {
    await leaveDistrict({ actor: await requireActor() });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/account');
  revalidatePath('/dashboard');
  return { ok: true, message: 'You left the district.' };
}

export async function deleteAccountAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(DeleteAccountInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  try {
    await deleteOwnAccount({ actor: await requireActor(), input: parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  // The account is gone; so is this session.
  await signOut({ redirect: false });
  redirect('/sign-in?account=deleted');
}
