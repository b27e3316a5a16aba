'use client';

import { useActionState } from 'react';
import { withdrawCredentialQuestionAction } from './actions';
import { initialActionState } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';

/**
 * "Withdraw this question", folded away under a disclosure so it is never pressed by accident. On
 * success the page reloads without the question and says so where focus lands; a refusal (it was
 * answered meanwhile) is said here.
 */
export function WithdrawQuestionForm({ questionId, askedOn }: { questionId: string; askedOn: string }) {
  const [state, action, pending] = useActionState(withdrawCredentialQuestionAction, initialActionState);
  return (
    <details className="no-print mt-3 text-sm">
      <summary className="cursor-pointer py-1 font-medium text-slate-800">
        Withdraw this question<span className="sr-only"> (asked {askedOn})</span>
      </summary>
      <form {...keepInputForm(action)} className="mt-2 space-y-2">
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
