'use client';

import { useEffect, useRef } from 'react';
import { withdrawSentAttemptAction } from './actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { SentOutcome } from '@/components/ui/sent-outcome';

/**
 * Said when taking it back got no answer. Pressing again is safe: an attempt taken back already is
 * answered as taken back (withdrawSentAttempt), not changed twice.
 */
export const TAKE_BACK_UNREACHABLE = couldNotReach('your attempt may not have been taken back', 'Check your connection and press Take it back to edit again.');
// A new object each time, so the message takes focus again after another try.
const unreachable = (): ActionResult => ({ ok: false, formError: TAKE_BACK_UNREACHABLE });

/**
 * "Take it back to edit" beside a sent attempt's status. The page keeps this component mounted
 * whether or not the button shows (`allowed`), so the outcome outlives the button: on success the
 * page turns into the draft editor and SentOutcome says so and takes focus; on a refusal (a reviewer
 * claimed it meanwhile) the page no longer offers the button and the message takes focus instead.
 * `reason`: why it cannot be taken back, when that is worth saying.
 */
export function TakeBackForm({ attemptId, slug, allowed, reason }: { attemptId: string; slug: string; allowed: boolean; reason: string | null }) {
  const { state, pending, formProps } = useReachableActionState(withdrawSentAttemptAction, initialActionState, unreachable);
  const failure = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!state.ok) failure.current?.focus();
  }, [state]);
  return (
    <div className="mt-2">
      <SentOutcome state={state} />
      <div ref={failure} tabIndex={-1} className="focus:outline-2 focus:outline-offset-2 focus:outline-red-700">
        {/* Failures only: success is said above, where it stays once this form is gone. */}
        <ActionAlerts state={state.ok ? initialActionState : state} className="mt-2" />
      </div>
      {allowed ? (
        <form {...formProps} className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2">
          <input type="hidden" name="attemptId" value={attemptId} />
          <input type="hidden" name="slug" value={slug} />
          <button type="submit" disabled={pending} aria-describedby="take-back-hint" className="rounded-md border border-slate-500 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100 disabled:opacity-60">
            {pending ? 'Taking it back…' : 'Take it back to edit'}
          </button>
          <p id="take-back-hint" className="text-sm text-slate-700">
            You can take it back while no reviewer has opened it; you will confirm the statement again when you send it. The decision date is counted again from when you send it.
          </p>
        </form>
      ) : reason && state.ok ? (
        <p className="text-sm text-slate-700">{reason}</p>
      ) : null}
    </div>
  );
}
