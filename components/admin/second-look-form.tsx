'use client';

import { useActionState } from 'react';
import { requestSecondLookAction } from '@/app/admin/submissions/[id]/actions';
import { initialActionState } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { TextArea } from '@/components/ui/field';
import { SentOutcome } from '@/components/ui/sent-outcome';
import { SECOND_LOOK_REASON_MAX } from '@/lib/review/second-look-rules';

/**
 * "Ask for a second look" at a returned attempt, with the admin's reason. Stays mounted once it has
 * worked (`open` false: the page then shows the request), so the outcome above it keeps focus.
 * `version`: the attempt's version as the page was loaded; the server refuses a stale one.
 */
export function SecondLookForm({ attemptId, attemptNumber, version, open }: { attemptId: string; attemptNumber: number; version: number; open: boolean }) {
  const [state, action, pending] = useActionState(requestSecondLookAction, initialActionState);
  const fieldId = `second-look-reason-${attemptId}`;
  return (
    <div>
      <SentOutcome state={state} className={state.ok && state.message ? 'mt-3' : ''} />
      {open ? (
        <form {...keepInputForm(action)} className="mt-3">
          <input type="hidden" name="attemptId" value={attemptId} />
          <input type="hidden" name="version" value={version} />
          {/* Failures only: success is said above, where it stays once this form is gone. */}
          <ActionAlerts state={state.ok ? initialActionState : state} className="mb-3" />
          <TextArea
            id={fieldId}
            name="reason"
            label={`Why attempt ${attemptNumber} needs a second look`}
            hint="For the issuer’s records: it shows on this page and in the audit log. The teacher and the new reviewer do not see it."
            errors={state.ok ? undefined : state.fieldErrors?.reason}
            rows={3}
            maxLength={SECOND_LOOK_REASON_MAX}
            required
          />
          <button type="submit" disabled={pending} className="min-h-10 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
            {pending ? 'Asking…' : 'Ask for a second look'}
          </button>
        </form>
      ) : null}
    </div>
  );
}
