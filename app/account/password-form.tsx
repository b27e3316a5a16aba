'use client';

import { useActionState } from 'react';
import { changePasswordAction } from './actions';
import { initialActionState } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';
import { TextField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';

export function PasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, initialActionState);
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <form {...keepInputForm(action)} noValidate>
      <ActionAlerts state={state} />
      <TextField label="Current password" name="current" type="password" autoComplete="current-password" required errors={errors?.current} />
      <TextField label="New password" name="password" type="password" autoComplete="new-password" required hint="At least 10 characters." errors={errors?.password} />
      <TextField label="New password again" name="confirm" type="password" autoComplete="new-password" required errors={errors?.confirm} />
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
