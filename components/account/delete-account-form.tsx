'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { TextField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { useClearLocalDraftsIfLeftPending } from '@/components/ui/local-draft';

/**
 * Said when deleting got no answer. If it did get through, the account and this session are gone,
 * so pressing again deletes nothing more: it is answered that the session has ended.
 */
export const DELETE_ACCOUNT_UNREACHABLE = couldNotReach(
  'your account may not have been deleted',
  'Check your connection and press Delete my account again. If it was deleted, you are told your session has ended.',
);
const unreachable: ActionResult = { ok: false, formError: DELETE_ACCOUNT_UNREACHABLE };

/**
 * "Delete my account", folded away and asking for proof (the password, or the email address for
 * school sign-in accounts) and a ticked box. Works without JavaScript (a real POST form). Once the
 * account is gone (the action redirects), unsent copies kept in this browser go too.
 */
export function DeleteAccountForm({ action: serverAction, hasPassword, email }: { action: (prev: ActionResult, fd: FormData) => Promise<ActionResult>; hasPassword: boolean; email: string }) {
  const { state, pending, formProps } = useReachableActionState(serverAction, initialActionState, unreachable);
  useClearLocalDraftsIfLeftPending(pending);
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <details className="text-sm" open={!state.ok}>
      <summary className="cursor-pointer font-semibold text-red-800">Delete my account</summary>
      <form {...formProps} className="mt-3 space-y-2" noValidate>
        <ActionAlerts state={state} />
        <p className="text-slate-800">
          This deletes your account, your applications and evidence, your proposals and your badges. Your badges’ pages and verification links stop working, though copies you downloaded keep their signature. It cannot be undone.
        </p>
        <p className="text-slate-800">
          Keep your badges first: <a href="/badges/export.json">export them all (JSON)</a> and <a href="/badges/pd-record.csv">download your PD record</a>.
        </p>
        {hasPassword ? (
          <TextField label="Your password" name="password" id="delete-password" type="password" autoComplete="current-password" required errors={errors?.password} />
        ) : (
          <TextField label={`Type your email address (${email})`} name="email" id="delete-email" type="email" autoComplete="off" required errors={errors?.email} />
        )}
        <div className="flex items-start gap-2">
          <input id="understood" name="understood" type="checkbox" required className="mt-1 h-4 w-4" aria-describedby={errors?.understood ? 'understood-error' : undefined} />
          <label htmlFor="understood">I understand this deletes my account and badges for good.</label>
        </div>
        {errors?.understood ? <p id="understood-error" className="text-red-700">{errors.understood[0]}</p> : null}
        <button type="submit" disabled={pending} className="rounded-md bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800 disabled:opacity-60">
          {pending ? 'Deleting…' : 'Delete my account'}
        </button>
      </form>
    </details>
  );
}
