'use client';

import { useActionState } from 'react';
import { forgotPasswordAction } from '@/app/forgot-password/actions';
import { initialActionState } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';
import { TextField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState(forgotPasswordAction, initialActionState);
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <form {...keepInputForm(action)} noValidate>
      <ActionAlerts state={state} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required errors={errors?.email} hint="The address you sign in with." />
      <button type="submit" disabled={pending} className="mt-2 w-full rounded-md bg-brand-700 px-4 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Sending…' : 'Email me a link'}
      </button>
    </form>
  );
}
