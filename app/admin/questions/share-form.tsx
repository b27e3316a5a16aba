'use client';

import { shareCredentialQuestionAction } from './actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';

/**
 * Said when sharing or unsharing got no answer. Pressing again is safe: the form asks for a state
 * (shared or not), and a question already in it is left as it is (setCredentialQuestionShared).
 */
export function shareUnreachable(shared: boolean): string {
  return shared
    ? couldNotReach('the question may still be shared on the public page', 'Check your connection and press Stop sharing on the public page again.')
    : couldNotReach('the question may not have been shared on the public page', 'Check your connection and press Share on the public page again.');
}

/**
 * Shows an answered question on the micro-credential's public page (without any name), or stops.
 * On success the action goes to the question's own page, which says what changed; a refusal, or a
 * request that got no answer, is said here.
 */
export function ShareQuestionForm({ questionId, shared, title }: { questionId: string; shared: boolean; title: string }) {
  const unreachable: ActionResult = { ok: false, formError: shareUnreachable(shared) };
  const { state, pending, formProps } = useReachableActionState(shareCredentialQuestionAction, initialActionState, unreachable);
  return (
    <form {...formProps} className="no-print mt-3">
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
