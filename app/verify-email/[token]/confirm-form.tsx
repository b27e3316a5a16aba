'use client';

import { confirmEmailAction } from './actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';

/**
 * Said when confirming got no answer. Pressing again confirms nothing twice: the link works once,
 * and one used already is answered as used.
 */
export const CONFIRM_EMAIL_UNREACHABLE = couldNotReach(
  'your email address may not have been confirmed',
  'Check your connection and press Confirm my email address again. If it was confirmed already, you are told the link has been used.',
);
const unreachable: ActionResult = { ok: false, formError: CONFIRM_EMAIL_UNREACHABLE };

export function ConfirmEmailForm({ token }: { token: string }) {
  const { state, pending, formProps } = useReachableActionState(confirmEmailAction, initialActionState, unreachable);
  return (
    <form {...formProps}>
      <ActionAlerts state={state} />
      <input type="hidden" name="token" value={token} />
      <button type="submit" disabled={pending} className="w-full rounded-md bg-brand-700 px-4 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Confirming…' : 'Confirm my email address'}
      </button>
    </form>
  );
}
