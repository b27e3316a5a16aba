'use client';

import { stopWorkEmailsAction } from './actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';

// Pressing again does no harm: emails already off stay off.
const unreachable: ActionResult = { ok: false, formError: couldNotReach('your emails may not have been stopped', 'Check your connection and press Stop emails about my work again.') };

export function StopWorkEmailsForm({ token }: { token: string }) {
  const { state, pending, formProps } = useReachableActionState(stopWorkEmailsAction, initialActionState, unreachable);
  return (
    <form {...formProps}>
      <ActionAlerts state={state} />
      <input type="hidden" name="token" value={token} />
      <button type="submit" disabled={pending} className="w-full rounded-md bg-brand-700 px-4 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Stopping…' : 'Stop emails about my work'}
      </button>
    </form>
  );
}
