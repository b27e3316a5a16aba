'use client';

import Link from 'next/link';
import { resendVerificationAction } from '@/app/actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';

/**
 * Said when sending got no answer. Not the same as pressing once: every send that reaches the
 * server makes a new link, and links sent before stop working.
 */
export const RESEND_LINK_UNREACHABLE = couldNotReach(
  'the link may not have been sent again',
  'Check your connection and press Send the link again. Only the newest link works: use the one in the latest email.',
);
const unreachable: ActionResult = { ok: false, formError: RESEND_LINK_UNREACHABLE };

/**
 * Asks a person with an unconfirmed address to use the emailed link, and can send it again, or
 * lets them correct a mistyped address on their account page.
 */
export function VerifyEmailNotice({ email, why }: { email: string; why: string }) {
  const { state, pending, formProps } = useReachableActionState(resendVerificationAction, initialActionState, unreachable);
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      <p className="font-semibold">Confirm your email address</p>
      <p className="mt-1">
        We emailed a link to <strong>{email}</strong>. {why}
      </p>
      <form {...formProps} className="mt-2">
        <ActionAlerts state={state} className="mb-2" />
        <button type="submit" disabled={pending} className="rounded-md border border-amber-400 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-amber-100 disabled:opacity-60">
          {pending ? 'Sending…' : 'Send the link again'}
        </button>
        <Link href="/account#email" className="ml-3 font-semibold underline hover:no-underline">
          Wrong address? Change it
        </Link>
      </form>
    </div>
  );
}
