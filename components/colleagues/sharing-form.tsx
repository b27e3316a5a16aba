'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { buttonClass } from '@/components/ui/button';

type Action = (prev: ActionResult, fd: FormData) => Promise<ActionResult>;

/** Said when the request got no answer. Pressing again is safe: the form asks for a state, not a toggle. */
export function sharingUnreachable(shares: boolean, label: string): string {
  return couldNotReach(shares ? 'sharing may not have been turned on' : 'sharing may not have been turned off', `Check your connection and press ${label} again.`);
}

/**
 * One button on /colleagues that turns sharing on (`shares` "yes") or off ("no"): the state asked
 * for, never a toggle, so a double click or a second tab leaves one outcome. The action redirects
 * on success; a refusal is said above the button. A real POST form: works without scripts.
 */
export function SharingForm({ action, shares, label, pendingLabel, describedBy }: { action: Action; shares: boolean; label: string; pendingLabel: string; describedBy?: string }) {
  const unreachable: ActionResult = { ok: false, formError: sharingUnreachable(shares, label) };
  const { state, pending, formProps } = useReachableActionState(action, initialActionState, unreachable);
  return (
    <form {...formProps} className="mt-4">
      <ActionAlerts state={state} />
      <input type="hidden" name="shares" value={shares ? 'yes' : 'no'} />
      <button type="submit" disabled={pending} aria-describedby={describedBy} className={buttonClass(shares ? 'primary' : 'secondary')}>
        {pending ? pendingLabel : label}
      </button>
    </form>
  );
}
