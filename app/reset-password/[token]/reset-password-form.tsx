'use client';

import { useActionState } from 'react';
import { resetPasswordAction } from './actions';
import { initialActionState } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';
import { TextField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(resetPasswordAction, initialActionState);
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <form {...keepInputForm(action)} noValidate>
      <ActionAlerts state={state} />
      <input type="hidden" name="token" value={token} />
      <TextField label="New password" name="password" type="password" autoComplete="new-password" required hint="At least 10 characters." errors={errors?.password} />
      <TextField label="New password again" name="confirm" type="password" autoComplete="new-password" required errors={errors?.confirm} />
      <button type="submit" disabled={pending} className="mt-2 w-full rounded-md bg-brand-700 px-4 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Saving…' : 'Save my new password'}
      </button>
    </form>
  );
}
