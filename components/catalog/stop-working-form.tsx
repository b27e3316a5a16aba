'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';

/**
 * Said when stopping got no answer. Pressing again changes nothing more: if the first did get
 * through, the teacher is no longer enrolled and the second is answered that the enrolment could
 * not be found. Their work is kept either way.
 */
export const STOP_WORKING_UNREACHABLE = couldNotReach(
  'you may not have stopped working on it',
  'Check your connection and press Stop working on it again. If it did go through, you are told your enrolment could not be found: reload the page.',
);
const unreachable: ActionResult = { ok: false, formError: STOP_WORKING_UNREACHABLE };

/**
 * "Stop working on this", folded away under a disclosure so it is never hit by accident. Works
 * without JavaScript (a real POST form).
 */
export function StopWorkingForm({ action: serverAction, microCredentialId, slug, retired = false }: { action: (prev: ActionResult, fd: FormData) => Promise<ActionResult>; microCredentialId: string; slug: string; retired?: boolean }) {
  const { state, pending, formProps } = useReachableActionState(serverAction, initialActionState, unreachable);
  return (
    <details className="no-print mt-4 text-sm">
      <summary className="cursor-pointer font-medium text-slate-800">Stop working on this micro-credential</summary>
      <form {...formProps} className="mt-2 space-y-2">
        <input type="hidden" name="microCredentialId" value={microCredentialId} />
        <input type="hidden" name="slug" value={slug} />
        <p className="text-slate-700">
          It leaves your dashboard. Anything you have written or uploaded is kept: enrol again to pick up where you left off.
          {/* A retired credential takes no one new: coming back needs an application already started. */}
          {retired ? ' It has been retired, so you can come back only to an application you have started.' : ''}
        </p>
        <button type="submit" disabled={pending} className="rounded-md border border-slate-400 bg-white px-3 py-1.5 font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-60">
          {pending ? 'Stopping…' : 'Stop working on it'}
        </button>
        {!state.ok && state.formError ? <p role="alert" className="text-red-700">{state.formError}</p> : null}
      </form>
    </details>
  );
}
