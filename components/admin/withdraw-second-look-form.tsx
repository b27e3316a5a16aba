'use client';

import { useActionState } from 'react';
import { withdrawSecondLookAction } from '@/app/admin/submissions/[id]/actions';
import { initialActionState } from '@/lib/action-result';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { SentOutcome } from '@/components/ui/sent-outcome';

/**
 * "Withdraw the second look" while nobody has taken it: the earlier decision stands again and the
 * teacher can revise. Stays mounted once it has worked (`open` false: the page then shows the
 * decision standing), so the outcome keeps focus. `version`: the attempt's, as the page was loaded.
 */
export function WithdrawSecondLookForm({ attemptId, attemptNumber, version, open }: { attemptId: string; attemptNumber: number; version: number; open: boolean }) {
  const [state, action, pending] = useActionState(withdrawSecondLookAction, initialActionState);
  return (
    <div>
      <SentOutcome state={state} className={state.ok && state.message ? 'mt-3' : ''} />
      {open ? (
        <form action={action} className="mt-3">
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
