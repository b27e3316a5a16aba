'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/auth/session';
import { IssuerProfileInput, IssuerReviewSettingsInput, RotateSigningKeyInput, SETTINGS_FORM_OUT_OF_DATE } from '@/lib/organizations/schemas';
import { updateIssuerProfile, updateIssuerReviewSettings } from '@/lib/organizations/issuer-settings';
import { rotateIssuerKey } from '@/lib/awards/keys';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

/** A form without a usable load time (`seenAt`, a hidden field) is told to reload, not to fix fields. */
function refusal(result: ActionResult<never>): ActionResult<never> {
  return !result.ok && result.fieldErrors?.seenAt ? { ...result, formError: SETTINGS_FORM_OUT_OF_DATE } : result;
}

export async function issuerProfileAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(IssuerProfileInput, formDataToObject(formData));
  if (!parsed.ok) return refusal(parsed.result);
  let changed: string[];
  try {
    const actor = await requireActor();
    ({ changed } = await updateIssuerProfile({ actor, input: parsed.data }));
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/admin', 'layout');
  return { ok: true, message: changed.length ? 'Saved. Your public page and badges issued from now on show the new details.' : 'Nothing had changed.' };
}

export async function issuerReviewSettingsAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(IssuerReviewSettingsInput, formDataToObject(formData));
  if (!parsed.ok) return refusal(parsed.result);
  let changed: string[];
  try {
    const actor = await requireActor();
    ({ changed } = await updateIssuerReviewSettings({ actor, input: parsed.data }));
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/admin/settings');
  revalidatePath('/review', 'layout');
  return { ok: true, message: changed.length ? 'Saved. The new settings apply from now on, also to reviews under way.' : 'Nothing had changed.' };
}

/**
 * Replaces the issuer's signing key. Shown beside the button (an inline form): a missing reason is
 * said as what to write, not as "check the fields".
 */
export async function rotateSigningKeyAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(RotateSigningKeyInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result.ok ? parsed.result : { ok: false, formError: parsed.result.fieldErrors?.reason?.[0] ?? 'This form is out of date. Reload the page and try again.' };
  try {
    const actor = await requireActor();
    await rotateIssuerKey({ actor, issuerId: parsed.data.organizationId, seenKeyId: parsed.data.seenKeyId, reason: parsed.data.reason });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/admin/settings');
  revalidatePath('/admin/audit');
  return { ok: true, message: 'Replaced. Badges issued from now on are signed with the new key; badges issued before keep verifying.' };
}
