'use client';

import { useEffect, useRef } from 'react';
import { askCredentialQuestionAction } from './actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { TextArea } from '@/components/ui/field';
import { SentOutcome } from '@/components/ui/sent-outcome';
import { QUESTION_MAX } from '@/lib/credential-questions/schemas';
import { MAX_OPEN_QUESTIONS } from '@/lib/credential-questions/policy';

/** Said when a question got no answer. Sending again is safe: the same words sent again make one question. */
export const ASK_UNREACHABLE = couldNotReach('your question may not have been sent', 'What you wrote is still here: check your connection and press Send my question again.');
const unreachable: ActionResult = { ok: false, formError: ASK_UNREACHABLE };

/**
 * "Ask the issuer a question". Stays mounted after a question is sent, so its outcome is said (and
 * takes focus) even when the page then says no more can be asked for now (`refusal`); the box is
 * emptied for the next question. Failures are said at the field, and what was typed is kept, also
 * when the send got no answer (useReachableActionState).
 */
export function AskQuestionForm({ microCredentialId, issuerName, refusal, waiting }: { microCredentialId: string; issuerName: string; refusal: string | null; waiting: number }) {
  const { state, pending, formProps } = useReachableActionState(askCredentialQuestionAction, initialActionState, unreachable);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok && state.message) formRef.current?.reset();
  }, [state]);
  return (
    <div>
      <SentOutcome state={state} className={state.ok && state.message ? 'mb-3' : ''} />
      {refusal ? (
        <p className="text-slate-800">{refusal}</p>
      ) : (
        <form ref={formRef} {...formProps} noValidate>
          <input type="hidden" name="microCredentialId" value={microCredentialId} />
          {/* Failures only: success is said above. */}
          <ActionAlerts state={state.ok ? initialActionState : state} className="mb-3" />
          <TextArea
            id="question-body"
            name="body"
            label="Your question"
            hint={
              <>
                For example, what counts as evidence for a part, or whether a video you recorded last year will do.{' '}
                <strong>Do not include students’ names or other private information.</strong> {issuerName} sees your question without your name. If they share
                their answer on this micro-credential’s page to help other teachers, your question is shown with it, word for word and without your name.
              </>
            }
            errors={state.ok ? undefined : state.fieldErrors?.body}
            rows={5}
            maxLength={QUESTION_MAX}
            required
          />
          <p className="mb-3 text-sm text-slate-700">
            You can have up to {MAX_OPEN_QUESTIONS} questions waiting for an answer at once{waiting ? ` (you have ${waiting} waiting now)` : ''}.
          </p>
          <button type="submit" disabled={pending} className="min-h-10 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
            {pending ? 'Sending…' : 'Send my question'}
          </button>
        </form>
      )}
    </div>
  );
}
