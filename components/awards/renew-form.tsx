'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';

/**
 * Said when opening the renewal got no answer. Pressing again is safe: starting a renewal twice
 * opens the same one (startRenewal).
 */
export function renewUnreachable(label: string): string {
  return couldNotReach('your renewal may not have been opened', `Check your connection and press ${label} again: it opens the same renewal, not a second one.`);
}

/** "Renew this badge": starts the renewal application. Works without JavaScript (a real POST form). */
export function RenewForm({ action: serverAction, microCredentialId, title, label = 'Renew this badge' }: {
  action: (prev: ActionResult, fd: FormData) => Promise<ActionResult>;
  microCredentialId: string;
  /** Names the badge for screen readers when several renew buttons share a page. */
  title: string;
  label?: string;
}) {
  const unreachable: ActionResult = { ok: false, formError: renewUnreachable(label) };
  const { state, pending, formProps } = useReachableActionState(serverAction, initialActionState, unreachable);
  return (
    <form {...formProps} className="inline">
      <input type="hidden" name="microCredentialId" value={microCredentialId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? 'Opening your renewal…' : label}
        <span className="sr-only"> “{title}”</span>
      </button>
      {!state.ok && state.formError ? <p role="alert" className="mt-1 text-sm text-red-700">{state.formError}</p> : null}
    </form>
  );
}
