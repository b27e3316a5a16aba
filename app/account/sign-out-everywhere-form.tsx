'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { useClearLocalDraftsIfLeftPending } from '@/components/ui/local-draft';
import { buttonClass } from '@/components/ui/button';

/**
 * Said when the request got no answer. If it did get through, every session has ended, this one
 * too, so pressing again is answered that the session has ended (nothing more is done).
 */
export const SIGN_OUT_EVERYWHERE_UNREACHABLE = couldNotReach(
  'you may not have been signed out on every device',
  'Check your connection and press Sign me out on every device again. If it did go through, you are told your session has ended: sign in again.',
);
const unreachable: ActionResult = { ok: false, formError: SIGN_OUT_EVERYWHERE_UNREACHABLE };

/**
 * "Sign out on every device". Works without JavaScript (a real POST form). The action redirects to
 * sign in once every session has ended: unsent copies kept in this browser go too.
 */
export function SignOutEverywhereForm({ action: serverAction, hasPassword }: { action: (prev: ActionResult, fd: FormData) => Promise<ActionResult>; hasPassword: boolean }) {
  const { state, pending, formProps } = useReachableActionState(serverAction, initialActionState, unreachable);
  useClearLocalDraftsIfLeftPending(pending);
  return (
    <form {...formProps} aria-labelledby="sign-out-everywhere-heading">
      <h2 id="sign-out-everywhere-heading" className="mb-1 font-semibold">Sign out on every device</h2>
      <p className="mb-4 text-sm text-slate-700">
        Signing out ends only this browser’s session. If you stayed signed in on a shared or lost computer, or think someone else is using your account, this signs you out everywhere, here too.{' '}
        {hasPassword ? 'Your password stays the same: sign in again with it.' : 'Sign in again with your school account.'}
      </p>
      <ActionAlerts state={state} />
      <button type="submit" disabled={pending} className={buttonClass('secondary')}>
        {pending ? 'Signing out…' : 'Sign me out on every device'}
      </button>
    </form>
  );
}
