'use client';

import type { ReactNode } from 'react';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { SentOutcome } from '@/components/ui/sent-outcome';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { enrollStackAction } from './actions';

/**
 * Said when enrolling got no answer. Pressing again is safe: enrolInStack adds only the parts the
 * teacher is not enrolled in yet, so a press that did get through is not repeated.
 */
export const ENROL_STACK_UNREACHABLE = couldNotReach('you may not have been enrolled in the parts of this stack', 'Check your connection and press Enrol in all parts again: no part is added twice.');
const unreachable: ActionResult = { ok: false, formError: ENROL_STACK_UNREACHABLE };

/**
 * "Enrol in all parts" while there is a part to add (`open`), else `children`: what the page says
 * once there is nothing left to add. Mounted in both cases, so the message of a successful enrol
 * outlives the button it replaces, is announced, and takes focus from that button.
 */
export function EnrolInStack({ stackId, open, children }: { stackId: string; open: boolean; children?: ReactNode }) {
  const { state, pending, formProps } = useReachableActionState(enrollStackAction, initialActionState, unreachable);
  return (
    <div>
      <SentOutcome state={state} className={state.ok && state.message ? 'mb-3' : ''} />
      {open ? (
        <form {...formProps}>
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
