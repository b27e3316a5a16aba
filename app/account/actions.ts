'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { signOut } from '@/lib/auth/config';
import { ChangePasswordInput, changePassword } from '@/lib/auth/password-reset';
import { requireActor } from '@/lib/auth/session';
import { ProfileInput, setOwnTeachingLicence, TeachingLicenceInput, updateProfile } from '@/lib/auth/profile';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';
import { DistrictRequestInput } from '@/lib/people/schemas';
import { DeleteAccountInput, deleteOwnAccount } from '@/lib/auth/delete-account';
import { signOutEverywhere } from '@/lib/auth/sign-out-everywhere';
import { cancelDistrictRequest, leaveDistrict, requestDistrict } from '@/lib/district/requests';
import { ChangeEmailInput, TimeZoneInput } from '@/lib/auth/schemas';
import { changeUnconfirmedEmail } from '@/lib/auth/email-verification';
import { clearOwnTimeZone, setOwnTimeZone } from '@/lib/auth/time-zone';
import { formatTime } from '@/lib/time-format';
import { timeZoneInWords } from '@/lib/time-zone';
import { SchoolOnPortfolioInput } from '@/lib/awards/schemas';
import { setPortfolioHeadline, setSchoolOnPortfolio } from '@/lib/awards/portfolio';
import { PortfolioHeadlineInput, TeachingInput } from '@/lib/teaching/schemas';
import { setOwnTeaching } from '@/lib/teaching/mutations';
import { teachingSavedMessage } from '@/lib/teaching/words';
import { saveSharingFromForm } from '@/lib/colleagues/form';

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

/**
 * "Teaching licence": the date the signed-in person's licence is next due for renewal (My badges
 * counts their PD hours toward it) and its number. Their own row only; nothing else reads the number.
 */
export async function setTeachingLicenceAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(TeachingLicenceInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let saved;
  try {
    saved = await setOwnTeachingLicence({ actor: await requireActor(), input: parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/account');
  revalidatePath('/badges');
  return { ok: true, message: saved.renewsOn ? `Saved. Your licence is next due for renewal on ${licenceDay(saved.renewsOn)}.` : 'Saved. No renewal date is kept for your licence.' };
}

const licenceDayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** A calendar day (stored as midnight UTC) in words: "30 June 2028". */
const licenceDay = (d: Date) => licenceDayFmt.format(d);

/** "Show my school on my portfolio": the portfolio's header names the school, or not. */
export async function setSchoolOnPortfolioAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(SchoolOnPortfolioInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let result;
  try {
    result = await setSchoolOnPortfolio({ actor: await requireActor(), show: parsed.data.showSchool });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/account');
  revalidatePath('/badges');
  if (result.handle) revalidatePath(`/u/${result.handle}`);
  if (!parsed.data.showSchool) return { ok: true, message: 'Saved. Your portfolio does not show your school.' };
  return { ok: true, message: result.schoolName ? `Saved. Your portfolio shows your school, ${result.schoolName}.` : 'Saved. Your portfolio will show your school once you have one on this site.' };
}

/**
 * "Headline" in the portfolio settings: one line under the teacher's name on their public portfolio;
 * empty clears it. The portfolio page renders per request and is not in the anonymous page cache,
 * so reading its path afresh here is all it takes for a visitor to see the change at once.
 */
export async function setPortfolioHeadlineAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(PortfolioHeadlineInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let result;
  try {
    result = await setPortfolioHeadline({ actor: await requireActor(), headline: parsed.data.portfolioHeadline });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/account');
  if (result.handle) revalidatePath(`/u/${result.handle}`);
  return { ok: true, message: result.headline ? `Saved. Your portfolio shows “${result.headline}” under your name.` : 'Saved. Your portfolio shows no headline.' };
}

/**
 * "What I teach": the subjects and grade bands the signed-in person teaches, from the catalogue's
 * own lists. Their own row only; private to them. The dashboard and the catalogue suggest from it.
 */
export async function setTeachingAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(TeachingInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let saved;
  try {
    saved = await setOwnTeaching({ actor: await requireActor(), input: parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/account');
  revalidatePath('/dashboard');
  revalidatePath('/catalog');
  return { ok: true, message: teachingSavedMessage(saved) };
}

/**
 * "Share with colleagues at my school" (docs/decisions/028): the signed-in person's own row only.
 * Colleagues' pages read it afresh, so turning it off hides them at once.
 */
export async function setSharesWithColleaguesAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const r = await saveSharingFromForm(formData);
  if (!r.ok) return r.result;
  const saved = r.saved;
  revalidatePath('/account');
  revalidatePath('/colleagues');
  if (!saved.shares) return { ok: true, message: 'Saved. You do not share with colleagues: they no longer see you, and you no longer see them.' };
  return {
    ok: true,
    message: saved.schoolName
      ? `Saved. You share with colleagues at ${saved.schoolName} who share too: they see you, and you see them on the Colleagues page.`
      : 'Saved. You will share with colleagues once you have a school on this site.',
  };
}

/** "Email address", while it is unconfirmed: a mistyped address is corrected and the link resent. */
export async function changeEmailAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(ChangeEmailInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let result;
  try {
    result = await changeUnconfirmedEmail({ actor: await requireActor(), email: parsed.data.email });
  } catch (e) {
    return toActionError(e);
  }
  if (!result.changed) return { ok: true, message: `${result.email} is your address already. If the link has not arrived, check your spam folder or send it again from your dashboard.` };
  // The address shows on every page (the confirmation notice, the header of this one): read afresh.
  revalidatePath('/', 'layout');
  if (!result.linkSent) {
    const minutes = Math.ceil((result.retryAfterSeconds ?? 3600) / 60);
    return { ok: true, message: `Saved: your address is now ${result.email}. We have sent several links this hour, so ask for a new one from your dashboard in about ${minutes} minute${minutes === 1 ? '' : 's'}. Links sent before no longer work.` };
  }
  return { ok: true, message: `Saved: your address is now ${result.email}. A confirmation link is on its way to it; links sent before no longer work.` };
}

/** "Time zone": the zone the person's times are shown in, or none ("Not set": UTC) (ADR 023). */
export async function setTimeZoneAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(TimeZoneInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  const { timeZone } = parsed.data;
  try {
    const actor = await requireActor();
    if (timeZone === null) await clearOwnTimeZone({ actor });
    else await setOwnTimeZone({ actor, timeZone });
  } catch (e) {
    return toActionError(e);
  }
  // Every page shows times: read afresh in the new zone.
  revalidatePath('/', 'layout');
  if (timeZone === null) {
    // Said plainly: the times now carry "UTC", and the browser's zone will not be taken in its place.
    return { ok: true, message: `Saved. No time zone is kept for you, so times are shown in UTC and marked “UTC”: it is ${formatTime(new Date(), null)} now. This site will not set one from your browser; choose one here whenever you like.` };
  }
  return { ok: true, message: `Saved. Times are now shown in ${timeZoneInWords(timeZone)}, where it is ${formatTime(new Date(), timeZone)} now.` };
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

/** "Sign out on every device": every session ends, this one too, and the person signs in again. */
// (Called by useActionState, which passes the previous state and the form; neither is needed.)
export async function signOutEverywhereAction(): Promise<ActionResult> {
  try {
    await signOutEverywhere({ actor: await requireActor() });
  } catch (e) {
    return toActionError(e);
  }
  await signOut({ redirect: false });
  redirect('/sign-in?account=signed-out');
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
