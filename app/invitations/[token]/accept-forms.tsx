'use client';

import { acceptNewAccountAction, acceptSignedInAction } from './actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { TextField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { BrowserTimeZoneField } from '@/components/account/browser-time-zone-field';

/**
 * Said when accepting (signed in) got no answer. Pressing again accepts nothing twice: an
 * invitation is used once, and one accepted already is answered as used.
 */
export const ACCEPT_SIGNED_IN_UNREACHABLE = couldNotReach(
  'the invitation may not have been accepted',
  'Check your connection and press Accept the invitation again. If it was accepted already, you are told it has been used.',
);
const signedInUnreachable: ActionResult = { ok: false, formError: ACCEPT_SIGNED_IN_UNREACHABLE };

export function AcceptSignedInForm({ token }: { token: string }) {
  const { state, pending, formProps } = useReachableActionState(acceptSignedInAction, initialActionState, signedInUnreachable);
  return (
    <form {...formProps}>
      <input type="hidden" name="token" value={token} />
      <ActionAlerts state={state} className="mb-3" />
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white disabled:opacity-60">{pending ? 'Accepting…' : 'Accept the invitation'}</button>
    </form>
  );
}

/**
 * Said when creating the account got no answer (offline, a deploy since the page loaded): the form
 * stays, with what was typed, to send again. If the first did get through, sending again says the
 * invitation has been used.
 */
export const ACCEPT_NEW_ACCOUNT_UNREACHABLE = couldNotReach('your account may not have been created', 'What you typed is still here: check your connection and press Accept and create my account again.');
const unreachable: ActionResult = { ok: false, formError: ACCEPT_NEW_ACCOUNT_UNREACHABLE };

export function AcceptNewAccountForm({ token, email }: { token: string; email: string }) {
  const { state, pending, formProps } = useReachableActionState(acceptNewAccountAction, initialActionState, unreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <form {...formProps} noValidate>
      <input type="hidden" name="token" value={token} />
      <BrowserTimeZoneField />
      <ActionAlerts state={state} className="mb-3" />
      {/* autoComplete username: a password manager saves the new password under this address. */}
      <TextField label="Email" name="email-shown" type="email" autoComplete="username" value={email} readOnly hint="The invitation was sent to this address." />
      <TextField label="Your name" name="name" autoComplete="name" errors={errors?.name} required />
      <TextField label="Choose a password" name="password" type="password" autoComplete="new-password" hint="At least 10 characters." errors={errors?.password} required />
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white disabled:opacity-60">{pending ? 'Creating…' : 'Accept and create my account'}</button>
    </form>
  );
}
