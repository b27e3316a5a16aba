'use client';

import { useActionState, useEffect, useRef } from 'react';
import { askAboutFeedbackAction } from './actions';
import { initialActionState } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { TextArea } from '@/components/ui/field';
import { Alert } from '@/components/ui/card';
import { QUESTION_MAX } from '@/lib/feedback-questions/schemas';

/**
 * "Ask about this feedback" on a returned attempt. `waiting`: a question is already open, so there is
 * no form until the issuer replies. Once sent, the page shows the question (the form goes away) and
 * this component, which stays mounted, says so and takes focus, so keyboard and screen-reader users
 * are not left on a button that has disappeared.
 */
export function FeedbackQuestionForm({ attemptId, attemptNumber, slug, issuerName, waiting }: { attemptId: string; attemptNumber: number; slug: string; issuerName: string; waiting: boolean }) {
  const [state, action, pending] = useActionState(askAboutFeedbackAction, initialActionState);
  const sentRef = useRef<HTMLDivElement>(null);
  const sent = state.ok && state.message ? state.message : null;
  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [state, sent]);
  const fieldId = `question-body-${attemptNumber}`;
  const errors = state.ok ? undefined : state.fieldErrors?.body;
  return (
    <div className="mt-3">
      <div ref={sentRef} tabIndex={-1} aria-live="polite" className="focus:outline-2 focus:outline-offset-2 focus:outline-green-700">
        {sent ? <Alert tone="success">{sent}</Alert> : null}
      </div>
      {waiting ? null : (
        <details className="mt-2">
          <summary className="cursor-pointer py-1 font-medium text-brand-700">Ask about this feedback</summary>
          <form {...keepInputForm(action)} className="mt-2">
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
