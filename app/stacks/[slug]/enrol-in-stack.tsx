'use client';

import { useActionState, type ReactNode } from 'react';
import { initialActionState } from '@/lib/action-result';
import { SentOutcome } from '@/components/ui/sent-outcome';
import { enrollStackAction } from './actions';

/**
 * "Enrol in all parts" while there is a part to add (`open`), else `children`: what the page says
 * once there is nothing left to add. Mounted in both cases, so the message of a successful enrol
 * outlives the button it replaces, is announced, and takes focus from that button.
 */
export function EnrolInStack({ stackId, open, children }: { stackId: string; open: boolean; children?: ReactNode }) {
  const [state, action, pending] = useActionState(enrollStackAction, initialActionState);
  return (
    <div>
      <SentOutcome state={state} className={state.ok && state.message ? 'mb-3' : ''} />
      {open ? (
        <form action={action}>
          <input type="hidden" name="stackId" value={stackId} />
          <button type="submit" disabled={pending} aria-describedby="stack-enrol-help" className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
            {pending ? 'Enrolling…' : 'Enrol in all parts'}
          </button>
          <p id="stack-enrol-help" className="mt-1 text-sm text-slate-700">Adds each part you have not earned yet to your dashboard.</p>
          {!state.ok && state.formError ? <p role="alert" className="mt-2 text-sm text-red-700">{state.formError}</p> : null}
        </form>
      ) : (
        children
      )}
    </div>
  );
}
