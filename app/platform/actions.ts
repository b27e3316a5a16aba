'use server';

import { revalidatePath } from 'next/cache';
import { env } from '@/lib/env';
import { requireActor } from '@/lib/auth/session';
import { AccountStatusInput, NewOrganizationInput } from '@/lib/organizations/schemas';
import { createOrganization, setAccountDisabled } from '@/lib/organizations/platform';
import { isDomainError } from '@/lib/errors';
import { fieldFormError, formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

/** `link`: an invitation link to pass on (its email failed); `peoplePath`: where to invite the first admin or leader when that could not be done here. */
type Created = { name: string; link: string | null; peoplePath?: string; invited?: boolean };

export async function createOrganizationAction(_prev: ActionResult<Created>, formData: FormData): Promise<ActionResult<Created>> {
  const parsed = parseInput(NewOrganizationInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let result: Awaited<ReturnType<typeof createOrganization>>;
  try {
    const actor = await requireActor();
    result = await createOrganization({ actor, input: parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/platform');
  const { organization: org, invitation, invitationError, peoplePath } = result;
  const who = parsed.data.kind === 'ISSUER' ? 'first admin' : 'first leader';
  // The organisation is saved either way: a refused invitation is told, not turned into a failed
  // form (whose retry would only hear that the address is taken).
  if (invitationError) {
    const message = `${org.name} was created, but its ${who} could not be invited: ${invitationError.replace(/\.$/, '')}. Invite them from its people page.`;
    return { ok: true, data: { name: org.name, link: null, peoplePath, invited: false }, message };
  }
  const demoNote = invitation?.emailed && env().DEMO_MODE && !env().SMTP_URL ? ' In this demo it is in the email outbox (footer link).' : '';
  const message = !invitation
    ? `${org.name} created. Invite its ${who} from its people page when you have their address.`
    : invitation.emailed
      ? `${org.name} created, and its ${who} invited by email (${parsed.data.firstEmail}).${demoNote}`
      : `${org.name} created, but the invitation email could not be sent. Share this link with ${parsed.data.firstEmail}.`;
  return { ok: true, data: { name: org.name, link: invitation?.link ?? null, peoplePath }, message };
}

export async function accountStatusAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(AccountStatusInput, formDataToObject(formData));
  if (!parsed.ok) return fieldFormError(parsed.result, 'reason', 'Something in that request was not valid.');
  try {
    const actor = await requireActor();
    await setAccountDisabled({ actor, input: parsed.data });
  } catch (e) {
    // Refused for want of “Disable anyway”: the row was drawn before the account became the last
    // one to run an organisation, so it has no such box. Drawn again, it has.
    if (isDomainError(e) && e.fieldErrors?.disableAnyway) revalidatePath('/platform/accounts');
    return toActionError(e);
  }
  revalidatePath('/platform/accounts');
  return { ok: true, message: parsed.data.op === 'disable' ? 'Disabled. They are signed out everywhere and have been told.' : 'Enabled again. They have been told.' };
}
