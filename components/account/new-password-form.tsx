'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { TextField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { useClearLocalDraftsIfLeftPending } from '@/components/ui/local-draft';

/**
 * Said when the new password got no answer. Not the same as pressing once: a change that did get
 * through signed the account out everywhere (so pressing again is answered that the session has
 * ended), and a reset link works once (so pressing again is answered that it has been used).
 * Either way the new password is the one to sign in with.
 */
export function newPasswordUnreachable(submitLabel: string, reset: boolean): string {
  return reset
    ? couldNotReach('your new password may not have been saved', `What you typed is still here: check your connection and press ${submitLabel} again. If it was saved, you are told this link has been used: sign in with the new password.`)
    : couldNotReach('your password may not have been changed', `What you typed is still here: check your connection and press ${submitLabel} again. If it was changed, you are told your session has ended: sign in with the new password.`);
}

/**
 * Choosing a new password, typed twice: from an emailed reset link (`token`) or, knowing the
 * current one (`askCurrent`), from the account page. Either way a new password signs the account
 * out everywhere and the action redirects to sign in: unsent copies kept in this browser go too.
 */
export function NewPasswordForm(props: {
  action: (prev: ActionResult, formData: FormData) => Promise<ActionResult>;
  token?: string;
  askCurrent?: boolean;
  submitLabel: string;
  pendingLabel: string;
  /** The account's email, when the page knows it: a password manager stores the new password under it. */
  username?: string;
}) {
  const unreachable: ActionResult = { ok: false, formError: newPasswordUnreachable(props.submitLabel, Boolean(props.token)) };
  const { state, pending, formProps } = useReachableActionState(props.action, initialActionState, unreachable);
  useClearLocalDraftsIfLeftPending(pending);
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <form {...formProps} noValidate>
      <ActionAlerts state={state} />
      {props.token ? <input type="hidden" name="token" value={props.token} /> : null}
      {/* Not sent (no name) and not shown: it tells a password manager whose password this is. */}
      {props.username ? <input type="text" autoComplete="username" value={props.username} readOnly hidden /> : null}
      {props.askCurrent ? <TextField label="Current password" name="current" type="password" autoComplete="current-password" required errors={errors?.current} /> : null}
      <TextField label="New password" name="password" type="password" autoComplete="new-password" required hint="At least 10 characters." errors={errors?.password} />
      <TextField label="New password again" name="confirm" type="password" autoComplete="new-password" required errors={errors?.confirm} />
      <button type="submit" disabled={pending} className="mt-2 rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? props.pendingLabel : props.submitLabel}
      </button>
    </form>
  );
}
