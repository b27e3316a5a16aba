'use client';

import { withdrawCredentialQuestionAction } from './actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';

/**
 * Said when withdrawing got no answer. Pressing again deletes nothing more: if the first did get
 * through, the question is gone and the second is answered that it could not be found.
 */
export const WITHDRAW_QUESTION_UNREACHABLE = couldNotReach(
  'your question may not have been withdrawn',
  'Check your connection and press Yes, withdraw it again. If it was withdrawn already, you are told the question could not be found: reload the page.',
);
const unreachable: ActionResult = { ok: false, formError: WITHDRAW_QUESTION_UNREACHABLE };

/**
 * "Withdraw this question", folded away under a disclosure so it is never pressed by accident. On
 * success the page reloads without the question and says so where focus lands; a refusal (it was
 * answered meanwhile), or a request that got no answer, is said here.
 */
export function WithdrawQuestionForm({ questionId, askedOn }: { questionId: string; askedOn: string }) {
  const { state, pending, formProps } = useReachableActionState(withdrawCredentialQuestionAction, initialActionState, unreachable);
  return (
    <details className="no-print mt-3 text-sm">
      <summary className="cursor-pointer py-1 font-medium text-slate-800">
        Withdraw this question<span className="sr-only"> (asked {askedOn})</span>
      </summary>
      <form {...formProps} className="mt-2 space-y-2">
        <input type="hidden" name="questionId" value={questionId} />
        <p className="text-slate-700">It is deleted, and the issuer no longer sees it. You can ask again at any time.</p>
        <button type="submit" disabled={pending} className="min-h-8 rounded-md border border-slate-500 bg-white px-3 py-1.5 font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-60">
          {pending ? 'Withdrawing…' : 'Yes, withdraw it'}
        </button>
        {!state.ok && state.formError ? <p role="alert" className="font-medium text-red-700">{state.formError}</p> : null}
      </form>
    </details>
  );
}
