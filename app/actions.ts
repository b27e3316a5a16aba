'use server';

import { signOut } from '@/lib/auth/config';
import { requireActor } from '@/lib/auth/session';
import { resendVerificationEmail } from '@/lib/auth/email-verification';
import { toActionError, type ActionResult } from '@/lib/action-result';
import { BrowserTimeZone, timeZoneUnknown } from '@/lib/time-zone';
import { rememberBrowserTimeZone } from '@/lib/auth/time-zone';

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

/**
 * The browser's zone for someone signed in who has none yet (ADR 023): people who signed in with a
 * school account, or before zones were kept, and whose session outlives the sign-in that would have
 * taken it. Kept only when the account still has none, never replacing one chosen, nor "Not set" once
 * the person chose it (NO_TIME_ZONE_CHOSEN, for which the layout does not render the capture); a zone
 * the server does not list is dropped. True when it was kept (the page is then drawn
 * again in that zone).
 */
export async function rememberTimeZoneAction(input: unknown): Promise<boolean> {
  const timeZone = BrowserTimeZone.parse(typeof input === 'string' ? input : undefined);
  if (!timeZone) return false;
  const actor = await requireActor();
  // Only null is "not known yet": '' is "Not set", chosen on the account page.
  if (!timeZoneUnknown(actor.timeZone)) return false;
  return rememberBrowserTimeZone({ userId: actor.id, timeZone });
}
