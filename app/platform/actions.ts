'use server';

import { revalidatePath } from 'next/cache';
import { env } from '@/lib/env';
import { requireActor } from '@/lib/auth/session';
import { AccountStatusInput, NewOrganizationInput } from '@/lib/organizations/schemas';
import { createOrganization, setAccountDisabled } from '@/lib/organizations/platform';
import { fieldFormError, formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

type Created = { name: string; link: string | null };

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
  const { organization: org, invitation } = result;
  const who = parsed.data.kind === 'ISSUER' ? 'first admin' : 'first leader';
  const demoNote = invitation?.emailed && env().DEMO_MODE && !env().SMTP_URL ? ' In this demo it is in the email outbox (footer link).' : '';
  const message = !invitation
    ? `${org.name} created. Invite its ${who} from its people page when you have their address.`
    : invitation.emailed
      ? `${org.name} created, and its ${who} invited by email (${parsed.data.firstEmail}).${demoNote}`
      : `${org.name} created, but the invitation email could not be sent. Share this link with ${parsed.data.firstEmail}.`;
  return { ok: true, data: { name: org.name, link: invitation?.link ?? null }, message };
}

export async function accountStatusAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(AccountStatusInput, formDataToObject(formData));
  if (!parsed.ok) return fieldFormError(parsed.result, 'reason', 'Something in that request was not valid.');
  try {
    const actor = await requireActor();
    await setAccountDisabled({ actor, input: parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/platform/accounts');
  return { ok: true, message: parsed.data.op === 'disable' ? 'Disabled. They are signed out everywhere and have been told.' : 'Enabled again. They have been told.' };
}
