'use client';

import { useActionState } from 'react';
import { revokeAwardAction } from './actions';
import { initialActionState } from '@/lib/action-result';
import { submitKeepingInput } from '@/components/ui/keep-input';
import { TextArea } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';

export function RevokeForm({ awardId }: { awardId: string }) {
  const [state, action, pending] = useActionState(revokeAwardAction, initialActionState);
  return (
    <form onSubmit={submitKeepingInput(action)}>
      <input type="hidden" name="awardId" value={awardId} />
      <ActionAlerts state={state} className="" />
      <TextArea label="Reason for revoking" name="reason" rows={3} required errors={state.ok ? undefined : state.fieldErrors?.reason} hint="Shown to the recipient and on the public verification page." />
      <button type="submit" disabled={pending} className="rounded-md bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800 disabled:opacity-60">
        {pending ? 'Revoking…' : 'Revoke this credential'}
      </button>
    </form>
  );
}
