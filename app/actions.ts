'use server';

import { signOut } from '@/lib/auth/config';
import { requireActor } from '@/lib/auth/session';
import { resendVerificationEmail } from '@/lib/auth/email-verification';
import { toActionError, type ActionResult } from '@/lib/action-result';

export async function signOutAction() {
  await signOut({ redirectTo: '/' });
}

/** "Send the confirmation link again" (dashboard, application page). */
// (Called by useActionState, which passes the previous state and the form; neither is needed.)
export async function resendVerificationAction(): Promise<ActionResult> {
  try {
    const actor = await requireActor();
    const { alreadyConfirmed } = await resendVerificationEmail({ actor });
    return { ok: true, message: alreadyConfirmed ? 'Your address is already confirmed. Reload the page.' : `A new link is on its way to ${actor.email}. Links sent before it no longer work.` };
  } catch (e) {
    return toActionError(e);
  }
}
