'use client';

import { useActionState } from 'react';
import { confirmEmailAction } from './actions';
import { initialActionState } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';
import { ActionAlerts } from '@/components/ui/action-alerts';

export function ConfirmEmailForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(confirmEmailAction, initialActionState);
  return (
    <form {...keepInputForm(action)}>
      <ActionAlerts state={state} />
      <input type="hidden" name="token" value={token} />
      <button type="submit" disabled={pending} className="w-full rounded-md bg-brand-700 px-4 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Confirming…' : 'Confirm my email address'}
      </button>
    </form>
  );
}
