'use client';

import { answerCredentialQuestionAction } from './actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { CheckboxField, TextArea } from '@/components/ui/field';
import { ANSWER_MAX } from '@/lib/credential-questions/schemas';

/** Said when an answer got no answer from the server. Sending again is safe: a question answered already is refused as such. */
export const ANSWER_UNREACHABLE = couldNotReach('your answer may not have been sent', 'What you wrote is still here: check your connection and press Send answer again.');
const unreachable: ActionResult = { ok: false, formError: ANSWER_UNREACHABLE };

/**
 * The answer to one teacher's question, and whether to share it on the public page at once. On
 * success the action goes to the question's own page, which says so; a refusal (another admin
 * answered first, the teacher withdrew it) is said here and what was typed is kept, as is a send
 * that got no answer (useReachableActionState).
 */
export function AnswerQuestionForm({ questionId, title }: { questionId: string; title: string }) {
  const { state, pending, formProps } = useReachableActionState(answerCredentialQuestionAction, initialActionState, unreachable);
  return (
    <form {...formProps} noValidate className="mt-4">
      <input type="hidden" name="questionId" value={questionId} />
      <ActionAlerts state={state} className="mb-3" />
      <TextArea
        id={`answer-${questionId}`}
        name="answer"
        label="Your answer"
        hint="The teacher who asked is told, and reads it on the micro-credential’s questions page. It is the issuer’s answer: your name is not shown to them."
        errors={state.ok ? undefined : state.fieldErrors?.answer}
        rows={5}
        maxLength={ANSWER_MAX}
        required
      />
      <CheckboxField
        id={`share-${questionId}`}
        name="share"
        label="Also share it on the micro-credential’s public page"
        hint="The question is shown word for word with your answer, without any name, to help other teachers. Share it only if it names no student and holds nothing private. You can stop sharing at any time."
      />
      <button type="submit" disabled={pending} className="min-h-10 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Sending…' : 'Send answer'}
        <span className="sr-only"> to the question about {title}</span>
      </button>
    </form>
  );
}
