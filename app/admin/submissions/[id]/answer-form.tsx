'use client';

import { useActionState } from 'react';
import { answerFeedbackQuestionAction } from './actions';
import { initialActionState } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { TextArea } from '@/components/ui/field';
import { SentOutcome } from '@/components/ui/sent-outcome';
import { ANSWER_MAX } from '@/lib/feedback-questions/schemas';

/**
 * The reply to one teacher question. Once sent, the page shows the reply in place of this form; the
 * outcome stays here (mounted above the form) and takes focus, so focus is not lost with the button.
 */
export function AnswerForm({ questionId, teacherName, answered }: { questionId: string; teacherName: string; answered: boolean }) {
  const [state, action, pending] = useActionState(answerFeedbackQuestionAction, initialActionState);
  const fieldId = `answer-${questionId}`;
  return (
    <div>
      <SentOutcome state={state} className={state.ok && state.message ? 'mt-3' : ''} />
      {answered ? null : (
        <form {...keepInputForm(action)} className="mt-3">
          <input type="hidden" name="questionId" value={questionId} />
          {/* Failures only: success is said above, where it stays once this form is gone. */}
          <ActionAlerts state={state.ok ? initialActionState : state} className="mb-3" />
          <TextArea
            id={fieldId}
            name="answer"
            label={`Your reply to ${teacherName}`}
            hint="The teacher reads it under the feedback on their application. Reviewers do not see the question or the reply."
            errors={state.ok ? undefined : state.fieldErrors?.answer}
            rows={4}
            maxLength={ANSWER_MAX}
            required
          />
          <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
            {pending ? 'Sending…' : 'Send reply'}
          </button>
        </form>
      )}
    </div>
  );
}
