'use client';

import { signUpAction } from './actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { SelectField, TextField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { BrowserTimeZoneField } from '@/components/account/browser-time-zone-field';

/**
 * Said when the request got no answer (offline, a deploy since the page loaded): the form stays, with
 * what was typed, to send again. If the first did get through, sending again says the email has an account.
 */
export const SIGN_UP_UNREACHABLE = couldNotReach('your account may not have been created', 'What you typed is still here: check your connection and press Create account again.');
const unreachable: ActionResult = { ok: false, formError: SIGN_UP_UNREACHABLE };

export function SignUpForm({ districts, callbackUrl }: { districts: { id: string; name: string }[]; callbackUrl?: string }) {
  const { state, pending, formProps } = useReachableActionState(signUpAction, initialActionState, unreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <form {...formProps} noValidate>
      <ActionAlerts state={state} />
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <BrowserTimeZoneField />
      <TextField label="Your name" name="name" autoComplete="name" required errors={errors?.name} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required errors={errors?.email} />
      <TextField label="Password" name="password" type="password" autoComplete="new-password" required hint="At least 10 characters." errors={errors?.password} />
      <SelectField label="District (optional)" name="districtId" hint="If your district recognises micro-credentials, choose it. Its leaders confirm you, then they see your progress and count your badges." errors={errors?.districtId} defaultValue="">
        <option value="">Not part of a listed district</option>
        {districts.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </SelectField>
      <button type="submit" disabled={pending} className="mt-2 w-full rounded-md bg-brand-700 px-4 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Creating your account…' : 'Create account'}
      </button>
    </form>
  );
}
