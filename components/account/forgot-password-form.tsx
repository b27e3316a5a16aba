'use client';

import { forgotPasswordAction } from '@/app/forgot-password/actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { TextField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';

/** Said when the request got no answer (offline, a deploy since the page loaded): the address stays, to send again. */
export const FORGOT_PASSWORD_UNREACHABLE = couldNotReach('the link may not have been sent', 'Check your connection and press Email me a link again.');
const unreachable: ActionResult = { ok: false, formError: FORGOT_PASSWORD_UNREACHABLE };

export function ForgotPasswordForm() {
  const { state, pending, formProps } = useReachableActionState(forgotPasswordAction, initialActionState, unreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <form {...formProps} noValidate>
      <ActionAlerts state={state} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required errors={errors?.email} hint="The address you sign in with." />
      <button type="submit" disabled={pending} className="mt-2 w-full rounded-md bg-brand-700 px-4 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Sending…' : 'Email me a link'}
      </button>
    </form>
  );
}
