'use client';

import { useActionState } from 'react';
import { signUpAction } from './actions';
import { initialActionState } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';
import { SelectField, TextField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { BrowserTimeZoneField } from '@/components/account/browser-time-zone-field';

export function SignUpForm({ districts, callbackUrl }: { districts: { id: string; name: string }[]; callbackUrl?: string }) {
  const [state, action, pending] = useActionState(signUpAction, initialActionState);
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <form {...keepInputForm(action)} noValidate>
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
