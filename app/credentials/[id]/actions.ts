'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import type { Actor } from '@/lib/auth/actor';
import { reinstateAward, ReinstateAwardInput, revokeAward, RevokeAwardInput, suspendAward, SuspendAwardInput } from '@/lib/awards/revoke';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

/** Parse, authorise inside the domain call, refresh the credential page: the badge's id once done, else why not, in plain words. */
async function changeStatus<S extends z.ZodType<{ awardId: string }>>(
  schema: S,
  formData: FormData,
  run: (actor: Actor, input: z.output<S>) => Promise<void>,
): Promise<{ ok: true; awardId: string } | ActionResult<never>> {
  const parsed = parseInput(schema, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  try {
    await run(await requireActor(), parsed.data);
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath(`/credentials/${parsed.data.awardId}`);
  return { ok: true, awardId: parsed.data.awardId };
}

const REVOKE_CONFIRM_MISSING = 'Tick the box to confirm: revoking cannot be undone.';

/**
 * Revokes a badge. Revoked, the page no longer has the issuer's card with this form (nor its
 * button, nor its message): it goes back to the badge's page with `?revoked=1`, where the outcome
 * is said in a notice that takes focus (ArrivalNotice). A refusal is answered in the form.
 */
export async function revokeAwardAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  // Permanent: the form asks for a ticked box, and so does the server. An unticked box is said at the
  // box, together with what is wrong with the reason, so both are corrected in one go.
  if (!(formData instanceof FormData) || formData.get('confirm') !== 'yes') {
    const parsed = parseInput(RevokeAwardInput, formDataToObject(formData));
    const reason = !parsed.ok && !parsed.result.ok ? parsed.result.fieldErrors?.reason : undefined;
    return {
      ok: false,
      formError: reason ? 'Some fields need attention.' : REVOKE_CONFIRM_MISSING,
      fieldErrors: reason ? { reason, confirm: [REVOKE_CONFIRM_MISSING] } : { confirm: [REVOKE_CONFIRM_MISSING] },
    };
  }
  const done = await changeStatus(RevokeAwardInput, formData, (actor, input) => revokeAward({ actor, ...input }));
  if (!('awardId' in done)) return done;
  redirect(`/credentials/${done.awardId}?revoked=1`);
}

/** One action for both directions, so the form (and its message) survives the switch. */
export async function suspensionAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  if (formData instanceof FormData && formData.get('mode') === 'reinstate') {
    const done = await changeStatus(ReinstateAwardInput, formData, (actor, input) => reinstateAward({ actor, ...input }));
    return 'awardId' in done ? { ok: true, message: 'The badge is reinstated and verifies as valid again.' } : done;
  }
  const done = await changeStatus(SuspendAwardInput, formData, (actor, input) => suspendAward({ actor, ...input }));
  return 'awardId' in done ? { ok: true, message: 'The badge is suspended. Verifiers will report it as suspended until you reinstate it.' } : done;
}
