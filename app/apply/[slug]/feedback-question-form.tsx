'use client';

import { askAboutFeedbackAction } from './actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { TextArea } from '@/components/ui/field';
import { SentOutcome } from '@/components/ui/sent-outcome';
import { QUESTION_MAX } from '@/lib/feedback-questions/schemas';

/** Said when a question got no answer. Sending again is safe: a question already open is refused as such. */
export const FEEDBACK_QUESTION_UNREACHABLE = couldNotReach('your question may not have been sent', 'What you wrote is still here: check your connection and press Send my question again.');
const unreachable: ActionResult = { ok: false, formError: FEEDBACK_QUESTION_UNREACHABLE };

/**
 * "Ask about this feedback" on a returned attempt. `waiting`: a question is already open, so there is
 * no form until the issuer replies. Once sent, the page shows the question (the form goes away) and
 * SentOutcome, which stays mounted, says so and takes focus. A send that got no answer (offline, a
 * deploy since the page loaded) is said in the form, which keeps the question (useReachableActionState).
 */
export function FeedbackQuestionForm({ attemptId, attemptNumber, slug, issuerName, waiting }: { attemptId: string; attemptNumber: number; slug: string; issuerName: string; waiting: boolean }) {
  const { state, pending, formProps } = useReachableActionState(askAboutFeedbackAction, initialActionState, unreachable);
  const fieldId = `question-body-${attemptNumber}`;
  const errors = state.ok ? undefined : state.fieldErrors?.body;
  return (
    <div className="mt-3">
      <SentOutcome state={state} />
      {waiting ? null : (
        <details className="mt-2">
          <summary className="cursor-pointer py-1 font-medium text-brand-700">Ask about this feedback</summary>
          <form {...formProps} noValidate className="mt-2">
            <input type="hidden" name="attemptId" value={attemptId} />
            <input type="hidden" name="slug" value={slug} />
            {/* Failures only: success is said above, where it stays once this form is gone. */}
            <ActionAlerts state={state.ok ? initialActionState : state} className="mb-3" />
            <TextArea
              id={fieldId}
              name="body"
              label="Your question"
              hint={`Say which criterion or comment you mean and why you think it misreads your evidence. ${issuerName} reads it, not the reviewer. You can start your revision meanwhile.`}
              errors={errors}
              rows={4}
              maxLength={QUESTION_MAX}
              required
            />
            <button type="submit" disabled={pending} className="rounded-md border border-slate-500 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100 disabled:opacity-60">
              {pending ? 'Sending…' : 'Send my question'}
              <span className="sr-only"> about the feedback on attempt {attemptNumber}</span>
            </button>
          </form>
        </details>
      )}
    </div>
  );
}
