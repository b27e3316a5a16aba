'use client';

import { useEffect } from 'react';
import { signInAction, type SignedIn } from './actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { TextField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { BrowserTimeZoneField } from '@/components/account/browser-time-zone-field';

/**
 * Said when the request got no answer (offline, a deploy since the page loaded): the form stays, with
 * the email and password as typed, to send again. Signing in again is safe: if the first press did
 * get through, the second only signs in once more.
 */
export const SIGN_IN_UNREACHABLE = couldNotReach('you may not have been signed in', 'Your email and password are still here: check your connection and press Sign in again.');
const unreachable: ActionResult<SignedIn> = { ok: false, formError: SIGN_IN_UNREACHABLE };

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const { state, pending, formProps } = useReachableActionState(signInAction, initialActionState, unreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  const openFile = state.ok ? state.data?.openFile : undefined;
  const home = state.ok ? state.data?.home : undefined;
  // Signed in on the way to a file: the browser loads it (the app's router only shows pages).
  useEffect(() => {
    if (openFile) window.location.assign(openFile);
  }, [openFile]);
  return (
    <form {...formProps} noValidate>
      <ActionAlerts state={state} />
      {/* A file that downloads leaves this page in place: the way on. */}
      {home ? (
        <p className="mb-3 text-sm">
          <a href={home} className="font-semibold text-brand-700 underline">Go to my home page</a>
        </p>
      ) : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ''} />
      <BrowserTimeZoneField />
      <TextField label="Email" name="email" type="email" autoComplete="email" required errors={errors?.email} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required errors={errors?.password} />
      <button type="submit" disabled={pending || Boolean(openFile)} className="mt-2 w-full rounded-md bg-brand-700 px-4 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
