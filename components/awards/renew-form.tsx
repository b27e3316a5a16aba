'use client';

import { useActionState } from 'react';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';

/** "Renew this badge": starts the renewal application. Works without JavaScript (a real POST form). */
export function RenewForm({ action: serverAction, microCredentialId, title, label = 'Renew this badge' }: {
  action: (prev: ActionResult, fd: FormData) => Promise<ActionResult>;
  microCredentialId: string;
  /** Names the badge for screen readers when several renew buttons share a page. */
  title: string;
  label?: string;
}) {
  const [state, action, pending] = useActionState(serverAction, initialActionState);
  return (
    <form {...keepInputForm(action)} className="inline">
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
