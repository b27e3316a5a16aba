'use client';

import { useActionState } from 'react';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { buttonClass } from '@/components/ui/button';

type Action = (prev: ActionResult, fd: FormData) => Promise<ActionResult>;

/**
 * One button on /colleagues that turns sharing on (`shares` "yes") or off ("no"): the state asked
 * for, never a toggle, so a double click or a second tab leaves one outcome. The action redirects
 * on success; a refusal is said above the button. A real POST form: works without scripts.
 */
export function SharingForm({ action, shares, label, pendingLabel, describedBy }: { action: Action; shares: boolean; label: string; pendingLabel: string; describedBy?: string }) {
  const [state, dispatch, pending] = useActionState(action, initialActionState);
  return (
    <form {...keepInputForm(dispatch)} className="mt-4">
      <ActionAlerts state={state} />
      <input type="hidden" name="shares" value={shares ? 'yes' : 'no'} />
      <button type="submit" disabled={pending} aria-describedby={describedBy} className={buttonClass(shares ? 'primary' : 'secondary')}>
        {pending ? pendingLabel : label}
      </button>
    </form>
  );
}
