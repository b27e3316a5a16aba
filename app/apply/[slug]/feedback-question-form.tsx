'use client';

import { useActionState } from 'react';
import { askAboutFeedbackAction } from './actions';
import { initialActionState } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { TextArea } from '@/components/ui/field';
import { SentOutcome } from '@/components/ui/sent-outcome';
import { QUESTION_MAX } from '@/lib/feedback-questions/schemas';

/**
 * "Ask about this feedback" on a returned attempt. `waiting`: a question is already open, so there is
 * no form until the issuer replies. Once sent, the page shows the question (the form goes away) and
 * SentOutcome, which stays mounted, says so and takes focus.
 */
export function FeedbackQuestionForm({ attemptId, attemptNumber, slug, issuerName, waiting }: { attemptId: string; attemptNumber: number; slug: string; issuerName: string; waiting: boolean }) {
  const [state, action, pending] = useActionState(askAboutFeedbackAction, initialActionState);
  const fieldId = `question-body-${attemptNumber}`;
  const errors = state.ok ? undefined : state.fieldErrors?.body;
  return (
    <div className="mt-3">
      <SentOutcome state={state} />
      {waiting ? null : (
        <details className="mt-2">
          <summary className="cursor-pointer py-1 font-medium text-brand-700">Ask about this feedback</summary>
          <form {...keepInputForm(action)} noValidate className="mt-2">
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
