'use client';

import { useActionState } from 'react';
import { shareCredentialQuestionAction } from './actions';
import { initialActionState } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';

/**
 * Shows an answered question on the micro-credential's public page (without any name), or stops.
 * On success the action goes to the question's own page, which says what changed; a refusal is said here.
 */
export function ShareQuestionForm({ questionId, shared, title }: { questionId: string; shared: boolean; title: string }) {
  const [state, action, pending] = useActionState(shareCredentialQuestionAction, initialActionState);
  return (
    <form {...keepInputForm(action)} className="no-print mt-3">
      <input type="hidden" name="questionId" value={questionId} />
      <input type="hidden" name="shared" value={shared ? 'false' : 'true'} />
      <button type="submit" disabled={pending} className="min-h-8 rounded-md border border-slate-500 bg-white px-3 py-1.5 text-sm font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-60">
        {pending ? 'Saving…' : shared ? 'Stop sharing on the public page' : 'Share on the public page'}
        <span className="sr-only"> (the question about {title})</span>
      </button>
      {!shared ? <p className="mt-1 text-sm text-slate-700">Shown word for word with the answer, without any name. Share it only if it names no student and holds nothing private.</p> : null}
      {!state.ok && state.formError ? <p role="alert" className="mt-1 text-sm font-medium text-red-700">{state.formError}</p> : null}
    </form>
  );
}
