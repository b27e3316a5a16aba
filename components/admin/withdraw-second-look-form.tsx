'use client';

import { withdrawSecondLookAction } from '@/app/admin/submissions/[id]/actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { SentOutcome } from '@/components/ui/sent-outcome';

/**
 * Said when withdrawing got no answer. Pressing again changes nothing more: if the first did get
 * through, no second look is waiting any more, and the second press is answered so.
 */
export const WITHDRAW_SECOND_LOOK_UNREACHABLE = couldNotReach(
  'the second look may not have been withdrawn',
  'Check your connection and press Withdraw the second look again. If it was withdrawn already, you are told no second look is waiting: reload the page.',
);
const unreachable: ActionResult = { ok: false, formError: WITHDRAW_SECOND_LOOK_UNREACHABLE };

/**
 * "Withdraw the second look" while nobody has taken it: the earlier decision stands again and the
 * teacher can revise. Stays mounted once it has worked (`open` false: the page then shows the
 * decision standing), so the outcome keeps focus. `version`: the attempt's, as the page was loaded.
 */
export function WithdrawSecondLookForm({ attemptId, attemptNumber, version, open }: { attemptId: string; attemptNumber: number; version: number; open: boolean }) {
  const { state, pending, formProps } = useReachableActionState(withdrawSecondLookAction, initialActionState, unreachable);
  return (
    <div>
      <SentOutcome state={state} className={state.ok && state.message ? 'mt-3' : ''} />
      {open ? (
        <form {...formProps} className="mt-3">
          <input type="hidden" name="attemptId" value={attemptId} />
          <input type="hidden" name="version" value={version} />
          <ActionAlerts state={state.ok ? initialActionState : state} className="mb-3" />
          <p className="mb-2 text-sm text-slate-700">
            Nobody has taken it yet. Withdrawing it puts the earlier decision back: the teacher is told it stands and can revise. A second look can be asked for again later.
          </p>
          <button type="submit" disabled={pending} className="min-h-10 rounded-md border border-slate-500 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100 disabled:opacity-60">
            {pending ? 'Withdrawing…' : 'Withdraw the second look'}
            <span className="sr-only"> at attempt {attemptNumber}</span>
          </button>
        </form>
      ) : null}
    </div>
  );
}
